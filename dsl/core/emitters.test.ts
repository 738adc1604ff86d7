import { emitArm } from './arm-emitter';
import { emitBicep } from './bicep-emitter';
import { base64, conditional, empty, interpolate, KeyedObject, not, resourceGroupLocation } from './expression';
import { Template } from './template';

function sample(): Template {
  const template = new Template('sample', 'Sample template');
  const location = template.parameter<string>('location', { type: 'string', description: 'Region.', defaultValue: resourceGroupLocation() });
  const prefix = template.parameter<string>('prefix', { type: 'string', description: 'Name prefix.', defaultValue: 'vmss', minLength: 1, maxLength: 11 });
  const count = template.parameter<number>('count', { type: 'int', description: 'Count.', defaultValue: 2, minValue: 1, maxValue: 5 });
  const key = template.parameter<string>('key', { type: 'string', description: 'Key.', defaultValue: '', secure: true });
  const identity = template.resource({
    symbolicName: 'identity',
    type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
    apiVersion: '2024-11-30',
    name: interpolate`${prefix.ref}-id`,
    body: { location: location.ref },
  });
  template.resource({
    symbolicName: 'address',
    type: 'Microsoft.Network/publicIPAddresses',
    apiVersion: '2026-03-01',
    name: 'ip',
    condition: not(empty(key.ref)),
    body: {
      location: location.ref,
      tags: new KeyedObject([[identity.id, 'x']]),
      properties: {
        text: base64(interpolate`it's {${count.ref}} \${HOME}\n`),
        list: conditional(empty(key.ref), [], [{ keyData: key.ref, on: true }]),
        literal: '[bracketed]',
      },
    },
  });
  template.output({ name: 'clientId', type: 'string', value: identity.property('clientId') });
  return template;
}

describe('emitters', () => {
  test('ARM uses the compiler expression forms', () => {
    const arm = JSON.parse(emitArm(sample()));
    const address = arm.resources[1];

    expect(arm.parameters.key.type).toBe('securestring');
    expect(arm.parameters.location.defaultValue).toBe('[resourceGroup().location]');
    expect(arm.parameters.count).toEqual({ type: 'int', defaultValue: 2, minValue: 1, maxValue: 5, metadata: { description: 'Count.' } });
    expect(arm.resources[0].name).toBe("[format('{0}-id', parameters('prefix'))]");
    expect(address.condition).toBe("[not(empty(parameters('key')))]");
    expect(address.properties.text).toBe("[base64(format('it''s {{{0}}} ${{HOME}}\n', parameters('count')))]");
    expect(address.properties.list).toBe("[if(empty(parameters('key')), createArray(), createArray(createObject('keyData', parameters('key'), 'on', true())))]");
    expect(address.properties.literal).toBe('[[bracketed]');
    expect(Object.keys(address.tags)).toEqual(["[format('{0}', resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', format('{0}-id', parameters('prefix'))))]"]);
    expect(arm.outputs.clientId.value).toBe(
      "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', format('{0}-id', parameters('prefix'))), '2024-11-30').clientId]",
    );
  });

  test('Bicep uses symbolic references and decorators', () => {
    const bicep = emitBicep(sample());

    expect(bicep).toContain("@description('Count.')\n@minValue(1)\n@maxValue(5)\nparam count int = 2");
    expect(bicep).toContain("@secure()\nparam key string = ''");
    expect(bicep).toContain("resource address 'Microsoft.Network/publicIPAddresses@2026-03-01' = if (!empty(key)) {");
    expect(bicep).toContain("text: base64('it\\'s {${count}} \\${HOME}\\n')");
    expect(bicep).toContain("list: empty(key) ? [] : [\n      {\n        keyData: key\n        on: true\n      }\n    ]");
    expect(bicep).toContain("'${identity.id}': 'x'");
    expect(bicep).toContain('output clientId string = identity.properties.clientId');
  });

  test('two builds give identical bytes', () => {
    expect(emitArm(sample())).toBe(emitArm(sample()));
    expect(emitBicep(sample())).toBe(emitBicep(sample()));
  });
});
