/**
 * Derives each resource's dependencies from the references in its definition, the
 * way the Bicep compiler does: a reference to a deployed resource (its id, name or a
 * property) and its `parent` and `scope` make a dependency. A reference to an
 * `existing` resource becomes a dependency on its nearest deployed ancestor, because
 * only that one is created in the same deployment.
 */
import { type Value, walkExpressions } from './expression';
import type { Resource } from './resource';
import type { Template } from './template';
import type { Variable } from './variable';

/** Returns the resources that `value` refers to, following variables to their values. */
export function referencedResources(value: Value | undefined): Set<Resource> {
  const found = new Set<Resource>();
  const seenVariables = new Set<Variable>();

  const visit = (current: Value | undefined): void => {
    walkExpressions(current, (expression) => {
      const node = expression.node;
      if (node.kind === 'resourceId' || node.kind === 'resourceName' || node.kind === 'resourceProperty') {
        found.add(node.resource);
      } else if (node.kind === 'variable' && !seenVariables.has(node.variable)) {
        seenVariables.add(node.variable);
        visit(node.variable.value);
      }
    });
  };

  visit(value);
  return found;
}

/** Returns the deployed resource that represents `resource` in a dependency, if any. */
function deployedAncestor(resource: Resource): Resource | undefined {
  let current: Resource | undefined = resource;
  while (current && current.existing) {
    current = current.parent;
  }
  return current;
}

/** Returns every value of a resource definition that may contain references. */
export function definitionValues(resource: Resource): Value[] {
  const values: Value[] = [resource.name, ...Object.values(resource.body)];
  if (resource.condition !== undefined) {
    values.push(resource.condition);
  }
  return values;
}

/**
 * Returns the resources that `resource` depends on, sorted by symbolic name so that the
 * output is the same on every run.
 */
export function dependenciesOf(resource: Resource): Resource[] {
  if (resource.existing) {
    return [];
  }

  const direct = new Set<Resource>();
  for (const value of definitionValues(resource)) {
    for (const referenced of referencedResources(value)) {
      direct.add(referenced);
    }
  }
  if (resource.parent) {
    direct.add(resource.parent);
  }
  if (resource.scope) {
    direct.add(resource.scope);
  }
  for (const explicit of resource.explicitDependsOn) {
    direct.add(explicit);
  }

  const result = new Set<Resource>();
  for (const candidate of direct) {
    const deployed = deployedAncestor(candidate);
    if (deployed && deployed !== resource) {
      result.add(deployed);
    }
  }
  return [...result].sort((a, b) => a.symbolicName.localeCompare(b.symbolicName));
}

/** Dependencies of every resource in the template, keyed by the resource. */
export function dependencyGraph(template: Template): Map<Resource, Resource[]> {
  return new Map(template.resources.map((resource) => [resource, dependenciesOf(resource)]));
}

/**
 * Finds a dependency cycle and returns the symbolic names along it, with the first name
 * repeated at the end. Returns undefined when the graph has no cycle.
 */
export function findCycle(graph: Map<Resource, Resource[]>): string[] | undefined {
  const state = new Map<Resource, 'visiting' | 'done'>();
  const stack: Resource[] = [];

  const visit = (resource: Resource): string[] | undefined => {
    if (state.get(resource) === 'done') {
      return undefined;
    }
    if (state.get(resource) === 'visiting') {
      const start = stack.indexOf(resource);
      return [...stack.slice(start), resource].map((entry) => entry.symbolicName);
    }
    state.set(resource, 'visiting');
    stack.push(resource);
    for (const dependency of graph.get(resource) ?? []) {
      const cycle = visit(dependency);
      if (cycle) {
        return cycle;
      }
    }
    stack.pop();
    state.set(resource, 'done');
    return undefined;
  };

  for (const resource of graph.keys()) {
    const cycle = visit(resource);
    if (cycle) {
      return cycle;
    }
  }
  return undefined;
}
