/**
 * Validation before emit. Core rules check the template's structure (references,
 * cycles, duplicates, where secure values go). Resource providers add their own
 * rules (`dsl/azure/*-validation.ts`). Every message names the resource or output,
 * the property and the value.
 */
import { armExpression } from './arm-expression';
import { definitionValues, dependencyGraph, findCycle, referencedResources } from './dependencies';
import { Evaluator } from './evaluate';
import { KeyedObject, type Value, forEachExpression, isExpression, walkExpressions } from './expression';
import type { Parameter } from './parameter';
import { TemplateValidationError, describeResource, problem } from './problem';
import type { Resource } from './resource';
import type { Template } from './template';
import type { Variable } from './variable';

/** A rule returns one message per problem; `evaluator` resolves values with parameter defaults. */
export type Rule = (template: Template, evaluator: Evaluator) => string[];

/** Properties whose value is written to the instance, where a secret must never go. */
const secretFreeProperties = new Set(['customData']);

interface Located {
  where: string;
  property: string;
  value: Value;
}

/** Lists every value of the template with its place. */
function locatedValues(template: Template): Located[] {
  const located: Located[] = [];
  for (const parameter of template.parameters) {
    if (parameter.options.defaultValue !== undefined) {
      located.push({ where: `parameter ${parameter.name}`, property: 'defaultValue', value: parameter.options.defaultValue });
    }
  }
  for (const variable of template.variables) {
    located.push({ where: `variable ${variable.name}`, property: 'value', value: variable.value });
  }
  for (const resource of template.resources) {
    located.push({ where: describeResource(resource), property: 'name', value: resource.name });
    if (resource.condition !== undefined) {
      located.push({ where: describeResource(resource), property: 'condition', value: resource.condition });
    }
    for (const [key, value] of Object.entries(resource.body)) {
      located.push({ where: describeResource(resource), property: key, value });
    }
  }
  for (const output of template.outputs) {
    located.push({ where: `output ${output.name}`, property: 'value', value: output.value });
  }
  return located;
}

/** Reports a parameter, variable or resource that the template uses but does not contain. */
export const danglingReferences: Rule = (template) => {
  const parameters = new Set<Parameter>(template.parameters);
  const variables = new Set<Variable>(template.variables);
  const resources = new Set<Resource>(template.resources);
  const problems: string[] = [];

  for (const { where, property, value } of locatedValues(template)) {
    walkExpressions(value, (expression) => {
      const node = expression.node;
      if (node.kind === 'parameter' && !parameters.has(node.parameter)) {
        problems.push(problem(where, property, `parameters('${node.parameter.name}')`, 'refers to a parameter that is not in the template; add it with template.parameter()'));
      } else if (node.kind === 'variable' && !variables.has(node.variable)) {
        problems.push(problem(where, property, `variables('${node.variable.name}')`, 'refers to a variable that is not in the template; add it with template.variable()'));
      } else if (
        (node.kind === 'resourceId' || node.kind === 'resourceName' || node.kind === 'resourceProperty' || node.kind === 'childResourceId') &&
        !resources.has(node.resource)
      ) {
        problems.push(problem(where, property, node.resource.symbolicName, 'refers to a resource that is not in the template; add it with template.resource()'));
      }
    });
  }

  for (const resource of template.resources) {
    const links: Array<[string, Resource | undefined]> = [
      ['parent', resource.parent],
      ['scope', resource.scope],
      ...resource.explicitDependsOn.map((dependency): [string, Resource] => ['dependsOn', dependency]),
    ];
    for (const [property, linked] of links) {
      if (linked && !resources.has(linked)) {
        problems.push(problem(describeResource(resource), property, linked.symbolicName, 'refers to a resource that is not in the template; add it with template.resource()'));
      }
    }
  }
  return problems;
};

export const dependencyCycles: Rule = (template) => {
  const cycle = findCycle(dependencyGraph(template));
  if (!cycle) {
    return [];
  }
  const first = template.resources.find((resource) => resource.symbolicName === cycle[0]);
  const where = first ? describeResource(first) : `resource ${cycle[0]}`;
  return [problem(where, 'dependsOn', cycle.join(' -> '), 'the resources depend on each other in a cycle; remove one of the references')];
};

function fullName(resource: Resource, evaluator: Evaluator): string {
  return resource.lineage
    .map((level) => {
      try {
        return String(evaluator.evaluate(level.name));
      } catch {
        return `[${armExpression(level.name)}]`;
      }
    })
    .join('/');
}

/** Reports two declarations with one symbolic name, or two resources of one type with one name. */
export const duplicateNames: Rule = (template, evaluator) => {
  const problems: string[] = [];
  const identifiers = new Map<string, string>();
  const declare = (name: string, owner: string): void => {
    const earlier = identifiers.get(name);
    if (earlier) {
      problems.push(problem(owner, 'symbolic name', name, `is already used by ${earlier}; rename one of them`));
    } else {
      identifiers.set(name, owner);
    }
  };
  template.parameters.forEach((parameter) => declare(parameter.name, `parameter ${parameter.name}`));
  template.variables.forEach((variable) => declare(variable.name, `variable ${variable.name}`));
  template.resources.forEach((resource) => declare(resource.symbolicName, describeResource(resource)));

  const outputs = new Set<string>();
  for (const output of template.outputs) {
    if (outputs.has(output.name)) {
      problems.push(problem(`output ${output.name}`, 'name', output.name, 'is declared twice; rename one of them'));
    }
    outputs.add(output.name);
  }

  const resourceNames = new Map<string, Resource>();
  for (const resource of template.resources) {
    const key = `${resource.type.toLowerCase()} ${fullName(resource, evaluator).toLowerCase()}`;
    const earlier = resourceNames.get(key);
    if (earlier) {
      problems.push(
        problem(describeResource(resource), 'name', fullName(resource, evaluator), `is also the name of resource ${earlier.symbolicName} of the same type; give each a distinct name`),
      );
    } else {
      resourceNames.set(key, resource);
    }
  }
  return problems;
};

/** Secure parameters reached from `value`, variables followed. */
function secureParametersIn(value: Value, seen = new Set<Variable>()): Parameter[] {
  const found: Parameter[] = [];
  walkExpressions(value, (expression) => {
    const node = expression.node;
    if (node.kind === 'parameter' && node.parameter.secure) {
      found.push(node.parameter);
    } else if (node.kind === 'variable' && !seen.has(node.variable)) {
      seen.add(node.variable);
      found.push(...secureParametersIn(node.variable.value, seen));
    }
  });
  return found;
}

/** Finds `customData` values at any depth of a resource body. */
function secretFreeValues(value: Value, path: string, found: Array<{ path: string; value: Value }>): void {
  if (value === null || typeof value !== 'object' || isExpression(value) || value instanceof KeyedObject) {
    return;
  }
  if (Array.isArray(value)) {
    (value as readonly Value[]).forEach((item, index) => secretFreeValues(item, `${path}[${index}]`, found));
    return;
  }
  for (const [key, entry] of Object.entries(value as Record<string, Value>)) {
    const entryPath = path ? `${path}.${key}` : key;
    if (secretFreeProperties.has(key)) {
      found.push({ path: entryPath, value: entry });
    } else {
      secretFreeValues(entry, entryPath, found);
    }
  }
}

/** Reports a secure parameter that reaches an output or customData, where ARM would reveal it. */
export const secureValueFlows: Rule = (template) => {
  const problems: string[] = [];
  for (const output of template.outputs) {
    for (const parameter of secureParametersIn(output.value)) {
      problems.push(problem(`output ${output.name}`, 'value', `parameters('${parameter.name}')`, 'a secure parameter must not reach an output, which the deployment history shows in clear; remove it from the output'));
    }
  }
  for (const resource of template.resources) {
    const found: Array<{ path: string; value: Value }> = [];
    secretFreeValues(resource.body as Value, '', found);
    for (const { path, value } of found) {
      for (const parameter of secureParametersIn(value)) {
        problems.push(problem(describeResource(resource), path, `parameters('${parameter.name}')`, 'a secure parameter must not reach customData, which any process on the instance can read; deliver the secret another way'));
      }
    }
  }
  return problems;
};

/** Reports an explicit dependsOn entry that a reference already implies, which Bicep's linter rejects. */
export const redundantDependsOn: Rule = (template) => {
  const problems: string[] = [];
  for (const resource of template.resources) {
    const implied = new Set<Resource>();
    for (const value of definitionValues(resource)) {
      referencedResources(value).forEach((referenced) => implied.add(referenced));
    }
    for (const dependency of resource.explicitDependsOn) {
      if (implied.has(dependency) || dependency === resource.parent || dependency === resource.scope) {
        problems.push(problem(describeResource(resource), 'dependsOn', dependency.symbolicName, 'is already implied by a reference to it; remove it from dependsOn'));
      }
    }
  }
  return problems;
};

/**
 * Reports a parameter without a description, or whose literal default breaks its own
 * allowed values, range or length.
 */
export const parameterDeclarations: Rule = (template) => {
  const problems: string[] = [];
  for (const parameter of template.parameters) {
    const { description, defaultValue, allowedValues, minValue, maxValue, minLength, maxLength } = parameter.options;
    const where = `parameter ${parameter.name}`;
    if (description.trim() === '') {
      problems.push(problem(where, 'description', description, 'is empty; say what the parameter sets, with its unit'));
    }
    if (defaultValue === undefined || isExpression(defaultValue)) {
      continue;
    }
    if (allowedValues && !allowedValues.includes(defaultValue as string | number)) {
      problems.push(problem(where, 'defaultValue', defaultValue, `is not one of the allowed values ${allowedValues.join(', ')}`));
    }
    if (typeof defaultValue === 'number' && ((minValue !== undefined && defaultValue < minValue) || (maxValue !== undefined && defaultValue > maxValue))) {
      problems.push(problem(where, 'defaultValue', defaultValue, `is outside the range ${minValue ?? '-inf'} to ${maxValue ?? 'inf'}`));
    }
    const length = typeof defaultValue === 'string' || Array.isArray(defaultValue) ? defaultValue.length : undefined;
    if (length !== undefined && ((minLength !== undefined && length < minLength) || (maxLength !== undefined && length > maxLength))) {
      problems.push(problem(where, 'defaultValue', defaultValue, `has length ${length}, outside ${minLength ?? 0} to ${maxLength ?? 'any'}`));
    }
  }
  return problems;
};

/**
 * Maximum length of a template expression that ARM accepts, in characters:
 * https://learn.microsoft.com/azure/azure-resource-manager/templates/template-expressions
 */
export const maxExpressionLength = 24576;

/** Reports an expression whose ARM form is longer than ARM accepts. */
export const expressionLength: Rule = (template) => {
  const problems: string[] = [];
  for (const { where, property, value } of locatedValues(template)) {
    forEachExpression(value, (expression) => {
      const length = armExpression(expression).length + 2;
      if (length > maxExpressionLength) {
        problems.push(
          problem(where, property, `${length} characters`, `the ARM expression exceeds the limit of ${maxExpressionLength} characters; split the value or shorten its content`),
        );
      }
    });
  }
  return problems;
};

export const coreRules: readonly Rule[] = [
  danglingReferences,
  dependencyCycles,
  duplicateNames,
  redundantDependsOn,
  parameterDeclarations,
  secureValueFlows,
  expressionLength,
];

/** Runs the core rules and `extraRules`, returning every message. */
export function validateTemplate(template: Template, extraRules: readonly Rule[] = [], evaluator = new Evaluator()): string[] {
  const problems: string[] = [];
  for (const rule of [...coreRules, ...extraRules]) {
    problems.push(...rule(template, evaluator));
  }
  return problems;
}

/** Throws a `TemplateValidationError` listing every problem, if there is any. */
export function assertValidTemplate(template: Template, extraRules: readonly Rule[] = []): void {
  const problems = validateTemplate(template, extraRules);
  if (problems.length > 0) {
    throw new TemplateValidationError(template.name, problems);
  }
}
