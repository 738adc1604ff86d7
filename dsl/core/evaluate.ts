/**
 * Evaluates values to plain JSON with parameter values (or their defaults)
 * substituted, for validation before emit and for callers that need the resolved
 * numbers. Facts known only in Azure (subscription, resource group, runtime
 * properties) become stand-in values, and `guid()` and `uniqueString()` return
 * stable stand-ins of the right shape rather than Azure's exact results.
 */
import { createHash } from 'node:crypto';
import { type ExpressionNode, KeyedObject, type Value, isExpression } from './expression';
import type { Parameter } from './parameter';
import type { Resource } from './resource';

export interface EvaluationContext {
  /** Values by parameter name; a parameter without one takes its default. */
  parameterValues?: Readonly<Record<string, unknown>>;
  subscriptionId?: string;
  tenantId?: string;
  resourceGroupName?: string;
  location?: string;
  /** Value of a parameter that has neither a given value nor a default; without it that is an error. */
  missingParameterValue?: unknown;
}

type Json = unknown;

interface Facts {
  subscriptionId: string;
  tenantId: string;
  resourceGroupName: string;
  location: string;
}

function factsOf(context: EvaluationContext): Facts {
  return {
    subscriptionId: context.subscriptionId ?? '00000000-0000-0000-0000-000000000000',
    tenantId: context.tenantId ?? '00000000-0000-0000-0000-000000000000',
    resourceGroupName: context.resourceGroupName ?? 'resource-group',
    location: context.location ?? 'location',
  };
}

function hashHex(args: readonly Json[]): string {
  return createHash('sha256').update(JSON.stringify(args)).digest('hex');
}

function resourceIdText(facts: Facts, type: string, names: readonly Json[]): string {
  const [namespace, ...types] = type.split('/');
  const path = types.map((segment, index) => `${segment}/${String(names[index])}`).join('/');
  return `/subscriptions/${facts.subscriptionId}/resourceGroups/${facts.resourceGroupName}/providers/${namespace}/${path}`;
}

function truthy(value: Json): boolean {
  return value === true;
}

function isEmpty(value: Json): boolean {
  if (value === null || value === undefined || value === '') {
    return true;
  }
  if (Array.isArray(value)) {
    return value.length === 0;
  }
  return typeof value === 'object' && Object.keys(value as object).length === 0;
}

function pick(value: Json, path: readonly string[]): Json {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') {
      throw new Error(`Cannot read property ${segment} of ${JSON.stringify(current)}`);
    }
    current = (current as Record<string, Json>)[segment];
  }
  return current;
}

export class Evaluator {
  private readonly facts: Facts;

  constructor(readonly context: EvaluationContext = {}) {
    this.facts = factsOf(context);
  }

  parameter(parameter: Parameter): Json {
    const passed = this.context.parameterValues?.[parameter.name];
    if (passed !== undefined) {
      return passed;
    }
    if (parameter.options.defaultValue === undefined) {
      if (this.context.missingParameterValue !== undefined) {
        return this.context.missingParameterValue;
      }
      throw new Error(`Parameter ${parameter.name} has no default value: pass a value for it`);
    }
    return this.evaluate(parameter.options.defaultValue);
  }

  resourceId(resource: Resource): string {
    return resourceIdText(
      this.facts,
      resource.type,
      resource.lineage.map((level) => this.evaluate(level.name)),
    );
  }

  private call(name: string, args: Json[]): Json {
    switch (name) {
      case 'resourceGroup':
        return {
          id: `/subscriptions/${this.facts.subscriptionId}/resourceGroups/${this.facts.resourceGroupName}`,
          name: this.facts.resourceGroupName,
          location: this.facts.location,
        };
      case 'subscription':
        return {
          id: `/subscriptions/${this.facts.subscriptionId}`,
          subscriptionId: this.facts.subscriptionId,
          tenantId: this.facts.tenantId,
        };
      case 'guid': {
        const hex = hashHex(args);
        return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
      }
      case 'uniqueString':
        return BigInt(`0x${hashHex(args).slice(0, 16)}`).toString(36).slice(0, 13).padStart(13, 'a');
      case 'base64':
        return Buffer.from(String(args[0]), 'utf8').toString('base64');
      case 'string':
        return typeof args[0] === 'string' ? args[0] : JSON.stringify(args[0]);
      case 'empty':
        return isEmpty(args[0]);
      case 'concat':
        return args.every(Array.isArray) ? (args as Json[][]).flat() : args.map(String).join('');
      case 'join':
        return (args[0] as Json[]).map(String).join(String(args[1]));
      case 'toLower':
        return String(args[0]).toLowerCase();
      case 'subscriptionResourceId': {
        const [type, ...names] = args;
        const [namespace, ...types] = String(type).split('/');
        const path = types.map((segment, index) => `${segment}/${String(names[index])}`).join('/');
        return `/subscriptions/${this.facts.subscriptionId}/providers/${namespace}/${path}`;
      }
      case 'resourceId': {
        const [type, ...names] = args;
        return resourceIdText(this.facts, String(type), names);
      }
      default:
        throw new Error(`Function ${name}() has no evaluator: add it to dsl/core/evaluate.ts`);
    }
  }

  private node(node: ExpressionNode): Json {
    switch (node.kind) {
      case 'parameter':
        return this.parameter(node.parameter);
      case 'variable':
        return this.evaluate(node.variable.value);
      case 'call':
        return this.call(
          node.name,
          node.args.map((arg) => this.evaluate(arg)),
        );
      case 'member':
        return pick(this.node(node.target.node), node.path);
      case 'resourceId':
        return this.resourceId(node.resource);
      case 'resourceName':
        return this.evaluate(node.resource.name);
      case 'resourceProperty':
        // Known only once Azure has created the resource.
        return `<${node.resource.symbolicName}.properties.${node.path.join('.')}>`;
      case 'childResourceId':
        return `${this.resourceId(node.resource)}/${node.childType}/${String(this.evaluate(node.childName))}`;
      case 'interpolation':
        return node.parts.map((part) => {
          const evaluated = this.evaluate(part);
          return typeof evaluated === 'string' ? evaluated : JSON.stringify(evaluated);
        }).join('');
      case 'not':
        return !truthy(this.evaluate(node.operand));
      case 'conditional':
        return truthy(this.evaluate(node.test)) ? this.evaluate(node.whenTrue) : this.evaluate(node.whenFalse);
    }
  }

  /** Evaluates `value` to plain JSON. */
  evaluate(value: Value | undefined): Json {
    if (value === undefined || value === null || typeof value !== 'object') {
      return value;
    }
    if (isExpression(value)) {
      return this.node(value.node);
    }
    if (value instanceof KeyedObject) {
      return Object.fromEntries(value.entries.map(([key, entry]) => [String(this.evaluate(key)), this.evaluate(entry)]));
    }
    if (Array.isArray(value)) {
      return (value as readonly Value[]).map((item) => this.evaluate(item));
    }
    return Object.fromEntries(
      Object.entries(value as Record<string, Value>).map(([key, entry]) => [key, this.evaluate(entry)]),
    );
  }
}
