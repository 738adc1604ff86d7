/**
 * The expression model: values that are only known at deployment time (parameters,
 * variables, resource ids and properties, template functions, interpolation).
 * An `Expression` is a node. The Bicep and ARM emitters render the same node to
 * their own syntax, and the dependency graph reads the resources it references.
 */
import type { Parameter } from './parameter';
import type { Resource } from './resource';
import type { Variable } from './variable';

export type Literal = string | number | boolean | null;

/** A JSON value whose leaves may be expressions. */
export type Value = Literal | Expression | KeyedObject | readonly Value[] | { readonly [key: string]: Value };

export type ExpressionNode =
  | { kind: 'parameter'; parameter: Parameter }
  | { kind: 'variable'; variable: Variable }
  | { kind: 'call'; name: string; args: readonly Value[] }
  | { kind: 'member'; target: Expression; path: readonly string[] }
  | { kind: 'resourceId'; resource: Resource }
  | { kind: 'resourceName'; resource: Resource }
  | { kind: 'resourceProperty'; resource: Resource; path: readonly string[] }
  | { kind: 'childResourceId'; resource: Resource; childType: string; childName: Value }
  | { kind: 'interpolation'; parts: readonly Value[] }
  | { kind: 'not'; operand: Value }
  | { kind: 'conditional'; test: Value; whenTrue: Value; whenFalse: Value };

/** A deployment-time value. `T` records what it evaluates to, for typed references. */
export class Expression<T = unknown> {
  declare readonly valueType?: T;

  constructor(readonly node: ExpressionNode) {}

  /** A property of the value, such as `resourceGroup().location`. */
  member<U = unknown>(...path: string[]): Expression<U> {
    return new Expression<U>({ kind: 'member', target: this, path });
  }
}

/**
 * An object whose keys are themselves values, such as the `userAssignedIdentities`
 * map keyed by an identity's id. Plain objects cover every other case.
 */
export class KeyedObject {
  constructor(readonly entries: ReadonlyArray<readonly [key: Value, value: Value]>) {}
}

export function isExpression(value: unknown): value is Expression {
  return value instanceof Expression;
}

/** Calls a template function that Bicep and ARM both support under the same name. */
export function call<T = unknown>(name: string, ...args: Value[]): Expression<T> {
  return new Expression<T>({ kind: 'call', name, args });
}

export const resourceGroup = (): Expression<{ id: string; location: string; name: string }> => call('resourceGroup');
export const subscription = (): Expression<{ subscriptionId: string; tenantId: string }> => call('subscription');
export const resourceGroupLocation = (): Expression<string> => resourceGroup().member<string>('location');
export const resourceGroupId = (): Expression<string> => resourceGroup().member<string>('id');
export const tenantId = (): Expression<string> => subscription().member<string>('tenantId');
export const guid = (...inputs: Value[]): Expression<string> => call('guid', ...inputs);
export const uniqueString = (...inputs: Value[]): Expression<string> => call('uniqueString', ...inputs);
export const base64 = (input: Value): Expression<string> => call('base64', input);
export const toStringValue = (input: Value): Expression<string> => call('string', input);
export const empty = (input: Value): Expression<boolean> => call('empty', input);
export const concat = (...inputs: Value[]): Expression => call('concat', ...inputs);
export const subscriptionResourceId = (type: string, ...names: Value[]): Expression<string> =>
  call('subscriptionResourceId', type, ...names);

export function not(operand: Value): Expression<boolean> {
  return new Expression({ kind: 'not', operand });
}

/** `test ? whenTrue : whenFalse`. */
export function conditional<T = unknown>(test: Value, whenTrue: Value, whenFalse: Value): Expression<T> {
  return new Expression<T>({ kind: 'conditional', test, whenTrue, whenFalse });
}

/**
 * String interpolation, as a tagged template: interpolate`${prefix}-vnet`.
 * Adjacent literal text is merged, and a lone value is returned as it is, because
 * Bicep's linter rejects `'${x}'` as a needless interpolation.
 */
export function interpolate(strings: TemplateStringsArray, ...values: Value[]): Value {
  const parts: Value[] = [];
  strings.forEach((text, index) => {
    parts.push(text);
    if (index < values.length) {
      parts.push(values[index]);
    }
  });
  return interpolation(parts);
}

/** Interpolation from a list of literal strings and values. */
export function interpolation(parts: readonly Value[]): Value {
  const merged: Value[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (typeof part === 'string' && typeof last === 'string') {
      merged[merged.length - 1] = last + part;
    } else if (part !== '') {
      merged.push(part);
    }
  }
  if (merged.length === 0) {
    return '';
  }
  if (merged.length === 1 && (typeof merged[0] === 'string' || isExpression(merged[0]))) {
    return merged[0];
  }
  return new Expression<string>({ kind: 'interpolation', parts: merged });
}

/** Calls `fn` on every expression inside `value`, outermost first, without descending into them. */
export function forEachExpression(value: Value | undefined, fn: (expression: Expression) => void): void {
  if (value === undefined || value === null || typeof value !== 'object') {
    return;
  }
  if (isExpression(value)) {
    fn(value);
    return;
  }
  if (value instanceof KeyedObject) {
    for (const [key, entry] of value.entries) {
      forEachExpression(key, fn);
      forEachExpression(entry, fn);
    }
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value as readonly Value[]) {
      forEachExpression(item, fn);
    }
    return;
  }
  for (const entry of Object.values(value as Record<string, Value>)) {
    forEachExpression(entry, fn);
  }
}

/** Returns the values directly inside an expression node. */
export function childValues(node: ExpressionNode): Value[] {
  switch (node.kind) {
    case 'call':
      return [...node.args];
    case 'member':
      return [node.target];
    case 'childResourceId':
      return [node.childName];
    case 'interpolation':
      return [...node.parts];
    case 'not':
      return [node.operand];
    case 'conditional':
      return [node.test, node.whenTrue, node.whenFalse];
    default:
      return [];
  }
}

/** Calls `fn` on every expression node in `value`, nested ones included. */
export function walkExpressions(value: Value | undefined, fn: (expression: Expression) => void): void {
  forEachExpression(value, (expression) => {
    fn(expression);
    for (const child of childValues(expression.node)) {
      walkExpressions(child, fn);
    }
  });
}
