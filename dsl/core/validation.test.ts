import { base64, interpolate } from './expression';
import { Parameter } from './parameter';
import { Resource } from './resource';
import { Template } from './template';
import {
  danglingReferences,
  dependencyCycles,
  duplicateNames,
  expressionLength,
  parameterDeclarations,
  redundantDependsOn,
  secureValueFlows,
  validateTemplate,
} from './validation';
import { Evaluator } from './evaluate';
import { assertValidTemplate } from './validation';

const evaluator = new Evaluator();

function identity(template: Template, symbolicName: string, name: string): Resource {
  return template.resource({ symbolicName, type: 'Microsoft.ManagedIdentity/userAssignedIdentities', apiVersion: '2024-11-30', name });
}

describe('core validation', () => {
  test('dangling parameter reference', () => {
    const template = new Template('t', 't');
    const stray = new Parameter('stray', { type: 'string', description: 'Not added.' });
    identity(template, 'identity', 'id');
    template.output({ name: 'value', type: 'string', value: stray.ref });

    expect(danglingReferences(template, evaluator)).toEqual([
      `output value: value = "parameters('stray')": refers to a parameter that is not in the template; add it with template.parameter()`,
    ]);
  });

  test('dangling resource reference', () => {
    const template = new Template('t', 't');
    const stray = new Resource({ symbolicName: 'stray', type: 'Microsoft.Network/virtualNetworks', apiVersion: '2026-03-01', name: 'v' });
    template.resource({ symbolicName: 'ip', type: 'Microsoft.Network/publicIPAddresses', apiVersion: '2026-03-01', name: 'ip', body: { tags: { vnet: stray.id } } });

    const problems = danglingReferences(template, evaluator);

    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('resource ip (Microsoft.Network/publicIPAddresses): tags = "stray"');
  });

  test('dependency cycle', () => {
    const template = new Template('t', 't');
    const first = identity(template, 'first', 'a');
    const second = template.resource({ symbolicName: 'second', type: 'Microsoft.Network/publicIPAddresses', apiVersion: '2026-03-01', name: 'b', body: { tags: { a: first.id } } });
    (first as unknown as { explicitDependsOn: Resource[] }).explicitDependsOn = [second];

    expect(dependencyCycles(template, evaluator)).toEqual([
      'resource first (Microsoft.ManagedIdentity/userAssignedIdentities): dependsOn = "first -> second -> first": the resources depend on each other in a cycle; remove one of the references',
    ]);
  });

  test('duplicate symbolic name', () => {
    const template = new Template('t', 't');
    template.parameter('identity', { type: 'string', description: 'x', defaultValue: 'a' });
    identity(template, 'identity', 'id');

    expect(duplicateNames(template, evaluator)).toEqual([
      'resource identity (Microsoft.ManagedIdentity/userAssignedIdentities): symbolic name = "identity": is already used by parameter identity; rename one of them',
    ]);
  });

  test('duplicate resource name after evaluation', () => {
    const template = new Template('t', 't');
    const prefix = template.parameter('prefix', { type: 'string', description: 'x', defaultValue: 'vmss' });
    identity(template, 'first', 'vmss-id');
    identity(template, 'second', interpolate`${prefix.ref}-id` as string);

    expect(duplicateNames(template, evaluator)).toEqual([
      'resource second (Microsoft.ManagedIdentity/userAssignedIdentities): name = "vmss-id": is also the name of resource first of the same type; give each a distinct name',
    ]);
  });

  test('secure value in an output', () => {
    const template = new Template('t', 't');
    const key = template.parameter('key', { type: 'string', description: 'x', secure: true, defaultValue: '' });
    const wrapped = template.variable('wrapped', interpolate`key=${key.ref}`);
    template.output({ name: 'leak', type: 'string', value: wrapped.ref });

    expect(secureValueFlows(template, evaluator)).toEqual([
      `output leak: value = "parameters('key')": a secure parameter must not reach an output, which the deployment history shows in clear; remove it from the output`,
    ]);
  });

  test('secure value in customData', () => {
    const template = new Template('t', 't');
    const password = template.parameter('password', { type: 'string', description: 'x', secure: true, defaultValue: '' });
    template.resource({
      symbolicName: 'scaleSet',
      type: 'Microsoft.Compute/virtualMachineScaleSets',
      apiVersion: '2026-04-01',
      name: 'vmss',
      body: { properties: { virtualMachineProfile: { osProfile: { customData: base64(interpolate`PASSWORD=${password.ref}`) } } } },
    });

    expect(secureValueFlows(template, evaluator)).toEqual([
      `resource scaleSet (Microsoft.Compute/virtualMachineScaleSets): properties.virtualMachineProfile.osProfile.customData = "parameters('password')": a secure parameter must not reach customData, which any process on the instance can read; deliver the secret another way`,
    ]);
  });

  test('valid template has no problems', () => {
    const template = new Template('t', 't');
    identity(template, 'identity', 'id');

    expect(validateTemplate(template)).toEqual([]);
    expect(() => assertValidTemplate(template)).not.toThrow();
  });

  test('invalid template throws with every problem', () => {
    const template = new Template('t', 't');
    identity(template, 'identity', 'id');
    identity(template, 'identity', 'other');

    expect(() => assertValidTemplate(template)).toThrow(/Template t is invalid:\n {2}- resource identity/);
  });
});

describe('expression length', () => {
  test('expression over the ARM limit', () => {
    const template = new Template('t', 't');
    const prefix = template.parameter('prefix', { type: 'string', description: 'x', defaultValue: 'a' });
    template.output({ name: 'long', type: 'string', value: interpolate`${prefix.ref}${'y'.repeat(30000)}` });

    expect(expressionLength(template, evaluator)).toEqual([
      'output long: value = "30037 characters": the ARM expression exceeds the limit of 24576 characters; split the value or shorten its content',
    ]);
  });
});

describe('redundant dependsOn', () => {
  test('explicit dependency on a referenced resource', () => {
    const template = new Template('t', 't');
    const first = identity(template, 'first', 'a');
    template.resource({ symbolicName: 'second', type: 'Microsoft.Network/publicIPAddresses', apiVersion: '2026-03-01', name: 'b', body: { tags: { a: first.id } }, dependsOn: [first] });

    expect(redundantDependsOn(template, evaluator)).toEqual([
      'resource second (Microsoft.Network/publicIPAddresses): dependsOn = "first": is already implied by a reference to it; remove it from dependsOn',
    ]);
  });

  test('explicit dependency without a reference passes', () => {
    const template = new Template('t', 't');
    const first = identity(template, 'first', 'a');
    template.resource({ symbolicName: 'second', type: 'Microsoft.Network/publicIPAddresses', apiVersion: '2026-03-01', name: 'b', dependsOn: [first] });

    expect(redundantDependsOn(template, evaluator)).toEqual([]);
  });
});

describe('parameter declarations', () => {
  test('empty description', () => {
    const template = new Template('t', 't');
    template.parameter('size', { type: 'string', description: ' ' });

    expect(parameterDeclarations(template, evaluator)).toEqual(['parameter size: description = " ": is empty; say what the parameter sets, with its unit']);
  });

  test('default outside its allowed values', () => {
    const template = new Template('t', 't');
    template.parameter('tier', { type: 'string', description: 'x', defaultValue: 'Basic', allowedValues: ['Burstable'] });

    expect(parameterDeclarations(template, evaluator)).toEqual(['parameter tier: defaultValue = "Basic": is not one of the allowed values Burstable']);
  });

  test('default outside its range', () => {
    const template = new Template('t', 't');
    template.parameter('count', { type: 'int', description: 'x', defaultValue: 0, minValue: 1, maxValue: 5 });

    expect(parameterDeclarations(template, evaluator)).toEqual(['parameter count: defaultValue = 0: is outside the range 1 to 5']);
  });

  test('default longer than allowed', () => {
    const template = new Template('t', 't');
    template.parameter('prefix', { type: 'string', description: 'x', defaultValue: 'toolongprefix', maxLength: 11 });

    expect(parameterDeclarations(template, evaluator)).toEqual(['parameter prefix: defaultValue = "toolongprefix": has length 13, outside 0 to 11']);
  });
});
