/** Renders a template as ARM JSON (deploymentTemplate 2019-04-01 schema). */
import { type ArmJson, armExpression, armResourceId, armValue } from './arm-expression';
import { dependenciesOf } from './dependencies';
import type { Parameter } from './parameter';
import type { Resource } from './resource';
import type { Template } from './template';

const schema = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

function armParameterType(parameter: Parameter): string {
  const type = parameter.options.type;
  if (!parameter.secure) {
    return type;
  }
  return type === 'object' ? 'secureObject' : 'securestring';
}

function armParameter(parameter: Parameter): ArmJson {
  const options = parameter.options;
  const result: Record<string, ArmJson> = { type: armParameterType(parameter) };
  if (options.defaultValue !== undefined) {
    result.defaultValue = armValue(options.defaultValue);
  }
  if (options.allowedValues !== undefined) {
    result.allowedValues = [...options.allowedValues];
  }
  if (options.minValue !== undefined) {
    result.minValue = options.minValue;
  }
  if (options.maxValue !== undefined) {
    result.maxValue = options.maxValue;
  }
  if (options.minLength !== undefined) {
    result.minLength = options.minLength;
  }
  if (options.maxLength !== undefined) {
    result.maxLength = options.maxLength;
  }
  result.metadata = { description: options.description };
  return result;
}

/**
 * Returns the full resource name. A child's name is `format('{0}/{1}', parent..., own)`, as the
 * Bicep compiler writes it.
 */
function armResourceName(resource: Resource): ArmJson {
  if (!resource.parent) {
    return armValue(resource.name);
  }
  const names = resource.lineage.map((level) => armExpression(level.name));
  const pattern = names.map((_, index) => `{${index}}`).join('/');
  return `[format('${pattern}', ${names.join(', ')})]`;
}

function armResource(resource: Resource): ArmJson {
  const result: Record<string, ArmJson> = {};
  if (resource.condition !== undefined) {
    result.condition = armValue(resource.condition);
  }
  result.type = resource.type;
  result.apiVersion = resource.apiVersion;
  if (resource.scope) {
    result.scope = `[${armResourceId(resource.scope)}]`;
  }
  result.name = armResourceName(resource);
  for (const [key, value] of Object.entries(resource.body)) {
    result[key] = armValue(value);
  }
  const dependencies = dependenciesOf(resource);
  if (dependencies.length > 0) {
    result.dependsOn = dependencies.map((dependency) => `[${armResourceId(dependency)}]`);
  }
  return result;
}

/** Converts the template to an ARM JSON object, ready for `JSON.stringify`. */
export function toArmTemplate(template: Template): Record<string, ArmJson> {
  const result: Record<string, ArmJson> = {
    $schema: schema,
    contentVersion: '1.0.0.0',
    metadata: { description: template.description },
  };

  if (template.parameters.length > 0) {
    result.parameters = Object.fromEntries(template.parameters.map((parameter) => [parameter.name, armParameter(parameter)]));
  }
  if (template.variables.length > 0) {
    result.variables = Object.fromEntries(template.variables.map((variable) => [variable.name, armValue(variable.value)]));
  }
  result.resources = template.resources.filter((resource) => !resource.existing).map(armResource);
  if (template.outputs.length > 0) {
    result.outputs = Object.fromEntries(
      template.outputs.map((output) => {
        const rendered: Record<string, ArmJson> = { type: output.type, value: armValue(output.value) };
        if (output.description !== undefined) {
          rendered.metadata = { description: output.description };
        }
        return [output.name, rendered];
      }),
    );
  }
  return result;
}

/** Renders the template as ARM JSON text with two-space indentation and a final newline. */
export function emitArm(template: Template): string {
  return `${JSON.stringify(toArmTemplate(template), null, 2)}\n`;
}
