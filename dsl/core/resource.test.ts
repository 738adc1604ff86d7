import { interpolate, interpolation, resourceGroupLocation } from './expression';
import { Resource } from './resource';

function network(): Resource {
  return new Resource({ symbolicName: 'vnet', type: 'Microsoft.Network/virtualNetworks', apiVersion: '2026-03-01', name: 'vnet' });
}

describe('Resource', () => {
  test('child of the wrong parent type is rejected', () => {
    const parent = new Resource({ symbolicName: 'zone', type: 'Microsoft.Network/privateDnsZones', apiVersion: '2024-06-01', name: 'z' });

    expect(() => new Resource({ symbolicName: 'subnet', type: 'Microsoft.Network/virtualNetworks/subnets', apiVersion: '2026-03-01', parent, name: 'vm' })).toThrow(
      'Resource subnet: type Microsoft.Network/virtualNetworks/subnets is not a child of its parent\'s type Microsoft.Network/privateDnsZones; give a parent of the enclosing type',
    );
  });

  test('child type without a parent is rejected', () => {
    expect(() => new Resource({ symbolicName: 'subnet', type: 'Microsoft.Network/virtualNetworks/subnets', apiVersion: '2026-03-01', name: 'vm' })).toThrow(
      'Resource subnet: type Microsoft.Network/virtualNetworks/subnets has 2 name segments, so it needs a parent of type Microsoft.Network/virtualNetworks',
    );
  });

  test('lineage runs from the root', () => {
    const vnet = network();
    const subnet = new Resource({ symbolicName: 'subnet', type: 'Microsoft.Network/virtualNetworks/subnets', apiVersion: '2026-03-01', parent: vnet, name: 'vm' });

    expect(subnet.lineage).toEqual([vnet, subnet]);
  });

  test('body function receives the resource', () => {
    const balancer = new Resource({
      symbolicName: 'lb',
      type: 'Microsoft.Network/loadBalancers',
      apiVersion: '2026-03-01',
      name: 'lb',
      body: (self) => ({ properties: { probe: self.childId('probes', 'ready') } }),
    });
    const probe = (balancer.body.properties as unknown as { probe: { node: { kind: string; resource: Resource } } }).probe;

    expect(probe.node.kind).toBe('childResourceId');
    expect(probe.node.resource).toBe(balancer);
  });
});

describe('interpolation', () => {
  test('adjacent text merges and a lone value stays itself', () => {
    const location = resourceGroupLocation();

    expect(interpolation(['a', 'b'])).toBe('ab');
    expect(interpolation(['', location, ''])).toBe(location);
    expect(interpolate`${location}`).toBe(location);
  });
});
