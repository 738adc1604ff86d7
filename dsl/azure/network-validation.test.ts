import { Evaluator } from '../core/evaluate';
import { Template } from '../core/template';
import { NetworkSecurityGroup, type SecurityRuleOptions, VirtualNetwork } from './network';
import { securityRulePriorityRule, subnetPrefixRule } from './network-validation';

const evaluator = new Evaluator();

function network(subnets: Array<[string, string]>, space = '10.40.0.0/16'): Template {
  const template = new Template('t', 't');
  const prefix = template.parameter('databasePrefix', { type: 'string', description: 'x', defaultValue: subnets[subnets.length - 1][1] });
  template.resource(
    new VirtualNetwork({
      symbolicName: 'vnet',
      name: 'vnet',
      location: 'westeurope',
      addressPrefixes: [space],
      subnets: subnets.map(([name, addressPrefix], index) => ({ name, addressPrefix: index === subnets.length - 1 ? prefix.ref : addressPrefix })),
    }),
  );
  return template;
}

function securityGroup(rules: Array<Partial<SecurityRuleOptions>>): Template {
  const template = new Template('t', 't');
  template.resource(
    new NetworkSecurityGroup({
      symbolicName: 'nsg',
      name: 'nsg',
      location: 'westeurope',
      rules: rules.map((rule, index) => ({
        name: `rule${index}`,
        description: 'x',
        priority: 100,
        direction: 'Inbound',
        access: 'Allow',
        protocol: 'Tcp',
        sourceAddressPrefix: '*',
        destinationPortRange: '80',
        ...rule,
      })),
    }),
  );
  return template;
}

describe('subnet prefixes', () => {
  test('subnets inside the space pass', () => {
    expect(subnetPrefixRule(network([['vm', '10.40.0.0/24'], ['database', '10.40.1.0/24']]), evaluator)).toEqual([]);
  });

  test('subnet outside the address space', () => {
    expect(subnetPrefixRule(network([['vm', '10.40.0.0/24'], ['database', '10.41.0.0/24']]), evaluator)).toEqual([
      'resource vnet (Microsoft.Network/virtualNetworks): subnet database addressPrefix = "10.41.0.0/24": lies outside the address space 10.40.0.0/16; pick a range inside it',
    ]);
  });

  test('overlapping subnets', () => {
    expect(subnetPrefixRule(network([['vm', '10.40.0.0/23'], ['database', '10.40.1.0/24']]), evaluator)).toEqual([
      'resource vnet (Microsoft.Network/virtualNetworks): subnet database addressPrefix = "10.40.1.0/24": overlaps subnet vm; give each subnet its own range',
    ]);
  });

  test('prefix that is not CIDR', () => {
    expect(subnetPrefixRule(network([['vm', '10.40.0.0/24'], ['database', '10.40.1.0']]), evaluator)).toEqual([
      'resource vnet (Microsoft.Network/virtualNetworks): subnet database addressPrefix = "10.40.1.0": is not an IPv4 CIDR range such as 10.0.1.0/24',
    ]);
  });
});

describe('security rule priorities', () => {
  test('distinct priorities pass, and directions are separate', () => {
    const template = securityGroup([{ priority: 100 }, { priority: 110 }, { priority: 100, direction: 'Outbound' }]);

    expect(securityRulePriorityRule(template, evaluator)).toEqual([]);
  });

  test('duplicate priority in one direction', () => {
    expect(securityRulePriorityRule(securityGroup([{ priority: 100 }, { priority: 100 }]), evaluator)).toEqual([
      'resource nsg (Microsoft.Network/networkSecurityGroups): security rule rule1 priority = 100: is also the priority of inbound rule rule0; give each rule its own priority',
    ]);
  });

  test.each([99, 4097])('priority %d out of range', (priority) => {
    expect(securityRulePriorityRule(securityGroup([{ priority }]), evaluator)).toEqual([
      `resource nsg (Microsoft.Network/networkSecurityGroups): security rule rule0 priority = ${priority}: must be a whole number from 100 to 4096`,
    ]);
  });

  test('conditional rule is checked too', () => {
    const template = securityGroup([{ priority: 100 }, { priority: 100, condition: false }]);

    expect(securityRulePriorityRule(template, evaluator)).toHaveLength(1);
  });
});
