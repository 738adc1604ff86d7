/** Checks of virtual networks and network security groups that Azure would reject at deployment. */
import type { Evaluator } from '../core/evaluate';
import { describeResource, problem } from '../core/problem';
import type { Rule } from '../core/validation';
import { contains, overlaps, parseCidr } from './cidr';
import { NetworkSecurityGroup, VirtualNetwork } from './network';

/** Checks that every subnet prefix lies inside the network's address space and overlaps no other subnet. */
export const subnetPrefixRule: Rule = (template, evaluator: Evaluator) => {
  const problems: string[] = [];
  for (const network of template.resources.filter((resource): resource is VirtualNetwork => resource instanceof VirtualNetwork)) {
    const where = describeResource(network);
    const spaces = network.body.properties ? (evaluator.evaluate(network.body.properties) as { addressSpace: { addressPrefixes: string[] } }).addressSpace.addressPrefixes : [];
    const spaceRanges = spaces.map((prefix, index) => {
      const range = parseCidr(prefix);
      if (!range) {
        problems.push(problem(where, `properties.addressSpace.addressPrefixes[${index}]`, prefix, 'is not an IPv4 CIDR range such as 10.0.0.0/16'));
      }
      return range;
    });

    const seen: Array<{ name: string; range: NonNullable<ReturnType<typeof parseCidr>> }> = [];
    for (const subnet of network.subnets) {
      const property = `subnet ${subnet.name} addressPrefix`;
      const prefix = String(evaluator.evaluate(subnet.addressPrefix));
      const range = parseCidr(prefix);
      if (!range) {
        problems.push(problem(where, property, prefix, 'is not an IPv4 CIDR range such as 10.0.1.0/24'));
        continue;
      }
      if (!spaceRanges.some((space) => space && contains(space, range))) {
        problems.push(problem(where, property, prefix, `lies outside the address space ${spaces.join(', ')}; pick a range inside it`));
      }
      for (const other of seen) {
        if (overlaps(other.range, range)) {
          problems.push(problem(where, property, prefix, `overlaps subnet ${other.name}; give each subnet its own range`));
        }
      }
      seen.push({ name: subnet.name, range });
    }
  }
  return problems;
};

// Priorities of user rules: https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview
const minPriority = 100;
const maxPriority = 4096;

/** Checks that every rule's priority is within 100-4096 and unique among the rules of its direction. */
export const securityRulePriorityRule: Rule = (template, evaluator: Evaluator) => {
  const problems: string[] = [];
  for (const group of template.resources.filter((resource): resource is NetworkSecurityGroup => resource instanceof NetworkSecurityGroup)) {
    const where = describeResource(group);
    const used = new Map<string, string>();
    for (const rule of group.rules) {
      const property = `security rule ${rule.name} priority`;
      const priority = evaluator.evaluate(rule.priority);
      if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < minPriority || priority > maxPriority) {
        problems.push(problem(where, property, priority, `must be a whole number from ${minPriority} to ${maxPriority}`));
        continue;
      }
      const key = `${rule.direction} ${priority}`;
      const earlier = used.get(key);
      if (earlier) {
        problems.push(problem(where, property, priority, `is also the priority of ${rule.direction.toLowerCase()} rule ${earlier}; give each rule its own priority`));
      } else {
        used.set(key, rule.name);
      }
    }
  }
  return problems;
};
