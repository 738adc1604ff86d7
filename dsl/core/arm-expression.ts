/**
 * Renders values in ARM template expression syntax, in exactly the forms that the
 * Bicep compiler emits (`format()` for interpolation, `createObject()` inside
 * expressions, `reference(resourceId(...), apiVersion)` for runtime properties),
 * so our ARM JSON and the compiler's can be compared after parsing.
 */
import { type Expression, type ExpressionNode, KeyedObject, type Value, isExpression } from './expression';
import type { Resource } from './resource';

const identifierPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Quotes text as a string literal inside an ARM expression, doubling single quotes. */
export function armString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function armPath(path: readonly string[]): string {
  return path.map((segment) => (identifierPattern.test(segment) ? `.${segment}` : `[${armString(segment)}]`)).join('');
}

/** Lists the arguments of `resourceId()` for a resource: its type, then one name per level. */
function resourceIdArguments(resource: Resource): string {
  const names = resource.lineage.map((level) => armExpression(level.name));
  return [armString(resource.type), ...names].join(', ');
}

export function armResourceId(resource: Resource): string {
  return `resourceId(${resourceIdArguments(resource)})`;
}

/** `format()` call for interpolated text, with literal braces doubled. */
function armFormat(parts: readonly Value[]): string {
  let pattern = '';
  const args: string[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      pattern += part.replace(/\{/g, '{{').replace(/\}/g, '}}');
    } else {
      pattern += `{${args.length}}`;
      args.push(armExpression(part));
    }
  }
  return `format(${[armString(pattern), ...args].join(', ')})`;
}

function armNode(node: ExpressionNode): string {
  switch (node.kind) {
    case 'parameter':
      return `parameters(${armString(node.parameter.name)})`;
    case 'variable':
      return `variables(${armString(node.variable.name)})`;
    case 'call':
      return `${node.name}(${node.args.map(armExpression).join(', ')})`;
    case 'member':
      return `${armNode(node.target.node)}${armPath(node.path)}`;
    case 'resourceId':
      return armResourceId(node.resource);
    case 'resourceName':
      return armExpression(node.resource.name);
    case 'resourceProperty':
      return `reference(${armResourceId(node.resource)}, ${armString(node.resource.apiVersion)})${armPath(node.path)}`;
    case 'childResourceId':
      return `resourceId(${armString(`${node.resource.type}/${node.childType}`)}, ${node.resource.lineage
        .map((level) => armExpression(level.name))
        .join(', ')}, ${armExpression(node.childName)})`;
    case 'interpolation':
      return armFormat(node.parts);
    case 'not':
      return `not(${armExpression(node.operand)})`;
    case 'conditional':
      return `if(${armExpression(node.test)}, ${armExpression(node.whenTrue)}, ${armExpression(node.whenFalse)})`;
  }
}

/** Splits a key of a `KeyedObject` into interpolation parts. */
function keyParts(key: Value): readonly Value[] {
  if (isExpression(key) && key.node.kind === 'interpolation') {
    return key.node.parts;
  }
  return typeof key === 'string' ? [key] : ['', key];
}

/** Any value as an ARM expression fragment (without the surrounding brackets). */
export function armExpression(value: Value): string {
  if (value === null) {
    return 'null()';
  }
  if (typeof value === 'string') {
    return armString(value);
  }
  if (typeof value === 'number') {
    return String(value);
  }
  if (typeof value === 'boolean') {
    return value ? 'true()' : 'false()';
  }
  if (isExpression(value)) {
    return armNode((value as Expression).node);
  }
  if (value instanceof KeyedObject) {
    const args = value.entries.flatMap(([key, entry]) => [armExpression(key), armExpression(entry)]);
    return `createObject(${args.join(', ')})`;
  }
  if (Array.isArray(value)) {
    return `createArray(${(value as readonly Value[]).map(armExpression).join(', ')})`;
  }
  const entries = Object.entries(value as Record<string, Value>);
  return `createObject(${entries.flatMap(([key, entry]) => [armString(key), armExpression(entry)]).join(', ')})`;
}

/** Escapes a literal string for ARM JSON, where text in brackets would read as an expression. */
function armLiteralString(text: string): string {
  return text.startsWith('[') && text.endsWith(']') ? `[${text}` : text;
}

export type ArmJson = string | number | boolean | null | ArmJson[] | { [key: string]: ArmJson };

/** Any value as ARM JSON: literals stay JSON, expressions become `"[...]"` strings. */
export function armValue(value: Value): ArmJson {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'string') {
    return armLiteralString(value);
  }
  if (isExpression(value)) {
    // A name reference is the name itself, so a literal name stays a literal.
    if (value.node.kind === 'resourceName') {
      return armValue(value.node.resource.name);
    }
    return `[${armExpression(value)}]`;
  }
  if (value instanceof KeyedObject) {
    const result: Record<string, ArmJson> = {};
    for (const [key, entry] of value.entries) {
      const name = typeof key === 'string' ? armLiteralString(key) : `[${armFormat(keyParts(key))}]`;
      result[name] = armValue(entry);
    }
    return result;
  }
  if (Array.isArray(value)) {
    return (value as readonly Value[]).map(armValue);
  }
  const result: Record<string, ArmJson> = {};
  for (const [key, entry] of Object.entries(value as Record<string, Value>)) {
    result[key] = armValue(entry);
  }
  return result;
}
