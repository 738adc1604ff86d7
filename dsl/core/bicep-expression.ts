/** Renders values in Bicep syntax: symbolic references, interpolation, multi-line objects. */
import { type ExpressionNode, KeyedObject, type Value, isExpression } from './expression';

const identifierPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
const step = '  ';

/** Escapes text for a single-quoted Bicep string, `${` included so it stays literal. */
export function bicepEscape(text: string): string {
  let result = '';
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    const code = character.charCodeAt(0);
    if (character === '\\') {
      result += '\\\\';
    } else if (character === "'") {
      result += "\\'";
    } else if (character === '\n') {
      result += '\\n';
    } else if (character === '\r') {
      result += '\\r';
    } else if (character === '\t') {
      result += '\\t';
    } else if (character === '$' && text[index + 1] === '{') {
      result += '\\$';
    } else if (code < 0x20) {
      result += `\\u{${code.toString(16)}}`;
    } else {
      result += character;
    }
  }
  return result;
}

export function bicepString(text: string): string {
  return `'${bicepEscape(text)}'`;
}

function bicepKey(key: string): string {
  return identifierPattern.test(key) ? key : bicepString(key);
}

function bicepPath(path: readonly string[]): string {
  return path.map((segment) => (identifierPattern.test(segment) ? `.${segment}` : `[${bicepString(segment)}]`)).join('');
}

function bicepInterpolation(parts: readonly Value[], indent: string): string {
  const body = parts
    .map((part) => (typeof part === 'string' ? bicepEscape(part) : `\${${bicepValue(part, indent)}}`))
    .join('');
  return `'${body}'`;
}

/** Wraps operators that bind loosely when they appear inside another expression. */
function operand(value: Value, indent: string): string {
  const rendered = bicepValue(value, indent);
  return isExpression(value) && value.node.kind === 'conditional' ? `(${rendered})` : rendered;
}

function bicepNode(node: ExpressionNode, indent: string): string {
  switch (node.kind) {
    case 'parameter':
      return node.parameter.name;
    case 'variable':
      return node.variable.name;
    case 'call':
      return `${node.name}(${node.args.map((arg) => bicepValue(arg, indent)).join(', ')})`;
    case 'member':
      return `${bicepNode(node.target.node, indent)}${bicepPath(node.path)}`;
    case 'resourceId':
      return `${node.resource.symbolicName}.id`;
    case 'resourceName':
      return `${node.resource.symbolicName}.name`;
    case 'resourceProperty':
      return `${node.resource.symbolicName}.properties${bicepPath(node.path)}`;
    case 'childResourceId': {
      const names = node.resource.lineage.map((level) => bicepValue(level.name, indent));
      const type = bicepString(`${node.resource.type}/${node.childType}`);
      return `resourceId(${[type, ...names, bicepValue(node.childName, indent)].join(', ')})`;
    }
    case 'interpolation':
      return bicepInterpolation(node.parts, indent);
    case 'not':
      return `!${operand(node.operand, indent)}`;
    case 'conditional':
      return `${operand(node.test, indent)} ? ${operand(node.whenTrue, indent)} : ${operand(node.whenFalse, indent)}`;
  }
}

/** Any value as Bicep text; `indent` is the indentation of the line the value starts on. */
export function bicepValue(value: Value, indent = ''): string {
  if (value === null) {
    return 'null';
  }
  if (typeof value === 'string') {
    return bicepString(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (isExpression(value)) {
    return bicepNode(value.node, indent);
  }

  const inner = indent + step;
  if (value instanceof KeyedObject) {
    if (value.entries.length === 0) {
      return '{}';
    }
    const lines = value.entries.map(([key, entry]) => {
      const renderedKey = typeof key === 'string' ? bicepKey(key) : bicepInterpolation(['', key], inner);
      return `${inner}${renderedKey}: ${bicepValue(entry, inner)}`;
    });
    return `{\n${lines.join('\n')}\n${indent}}`;
  }
  if (Array.isArray(value)) {
    const items = value as readonly Value[];
    if (items.length === 0) {
      return '[]';
    }
    return `[\n${items.map((item) => `${inner}${bicepValue(item, inner)}`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, Value>);
  if (entries.length === 0) {
    return '{}';
  }
  const lines = entries.map(([key, entry]) => `${inner}${bicepKey(key)}: ${bicepValue(entry, inner)}`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}
