import { dependenciesOf, findCycle, dependencyGraph } from './dependencies';
import { interpolate } from './expression';
import { emitArm } from './arm-emitter';
import { Template } from './template';

function network(): { template: Template; names: () => string[] } {
  const template = new Template('sample', 'Sample');
  return { template, names: () => template.resources.map((resource) => resource.symbolicName) };
}

describe('dependsOn derivation', () => {
  test('id reference makes a dependency', () => {
    const { template } = network();
    const nsg = template.resource({ symbolicName: 'nsg', type: 'Microsoft.Network/networkSecurityGroups', apiVersion: '2026-03-01', name: 'nsg' });
    const vnet = template.resource({
      symbolicName: 'vnet',
      type: 'Microsoft.Network/virtualNetworks',
      apiVersion: '2026-03-01',
      name: 'vnet',
      body: { properties: { subnets: [{ name: 'vm', properties: { networkSecurityGroup: { id: nsg.id } } }] } },
    });

    expect(dependenciesOf(vnet)).toEqual([nsg]);
    expect(dependenciesOf(nsg)).toEqual([]);
  });

  test('parent, property and name references, sorted by symbolic name', () => {
    const { template } = network();
    const zone = template.resource({ symbolicName: 'zone', type: 'Microsoft.Network/privateDnsZones', apiVersion: '2024-06-01', name: 'z.postgres.database.azure.com' });
    const address = template.resource({ symbolicName: 'address', type: 'Microsoft.Network/publicIPAddresses', apiVersion: '2026-03-01', name: 'ip' });
    const link = template.resource({
      symbolicName: 'link',
      type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
      apiVersion: '2024-06-01',
      parent: zone,
      name: interpolate`${address.nameRef}-link`,
      body: { properties: { description: address.property('ipAddress') } },
    });

    expect(dependenciesOf(link).map((resource) => resource.symbolicName)).toEqual(['address', 'zone']);
  });

  test('existing resource stands for its deployed parent', () => {
    const { template } = network();
    const vnet = template.resource({ symbolicName: 'vnet', type: 'Microsoft.Network/virtualNetworks', apiVersion: '2026-03-01', name: 'vnet' });
    const subnet = template.resource({ symbolicName: 'subnet', type: 'Microsoft.Network/virtualNetworks/subnets', apiVersion: '2026-03-01', parent: vnet, name: 'vm', existing: true });
    const identity = template.resource({ symbolicName: 'identity', type: 'Microsoft.ManagedIdentity/userAssignedIdentities', apiVersion: '2024-11-30', name: 'id', existing: true });
    const nat = template.resource({
      symbolicName: 'nat',
      type: 'Microsoft.Network/natGateways',
      apiVersion: '2026-03-01',
      name: 'nat',
      body: { properties: { subnet: subnet.id, principal: identity.property('principalId') } },
    });

    expect(dependenciesOf(nat)).toEqual([vnet]);
  });

  test('explicit dependsOn is kept', () => {
    const { template } = network();
    const link = template.resource({ symbolicName: 'link', type: 'Microsoft.Network/privateDnsZones', apiVersion: '2024-06-01', name: 'a' });
    const server = template.resource({ symbolicName: 'server', type: 'Microsoft.DBforPostgreSQL/flexibleServers', apiVersion: '2025-08-01', name: 's', dependsOn: [link] });

    expect(dependenciesOf(server)).toEqual([link]);
  });

  test('ARM dependsOn lists resource ids', () => {
    const { template } = network();
    const vnet = template.resource({ symbolicName: 'vnet', type: 'Microsoft.Network/virtualNetworks', apiVersion: '2026-03-01', name: 'vnet' });
    template.resource({ symbolicName: 'subnet', type: 'Microsoft.Network/virtualNetworks/subnets', apiVersion: '2026-03-01', parent: vnet, name: 'vm' });

    const arm = JSON.parse(emitArm(template));

    expect(arm.resources[1].name).toBe("[format('{0}/{1}', 'vnet', 'vm')]");
    expect(arm.resources[1].dependsOn).toEqual(["[resourceId('Microsoft.Network/virtualNetworks', 'vnet')]"]);
  });

  test('cycle is found with its path', () => {
    const { template } = network();
    const first = template.resource({ symbolicName: 'first', type: 'Microsoft.Network/publicIPAddresses', apiVersion: '2026-03-01', name: 'a', dependsOn: [] });
    const second = template.resource({ symbolicName: 'second', type: 'Microsoft.Network/publicIPAddresses', apiVersion: '2026-03-01', name: 'b', body: { tags: { other: first.id } } });
    (first as unknown as { explicitDependsOn: unknown[] }).explicitDependsOn = [second];

    expect(findCycle(dependencyGraph(template))).toEqual(['first', 'second', 'first']);
  });
});
