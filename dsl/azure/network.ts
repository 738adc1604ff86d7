/**
 * Microsoft.Network: virtual network and subnets, network security group, public IP
 * addresses, NAT gateway, load balancer, private DNS zone and its VNet link.
 */
import { type Value, concat, conditional } from '../core/expression';
import { Resource } from '../core/resource';
import { apiVersions } from './api-versions';
import { compact, define } from './define';

export interface SubnetOptions {
  name: string;
  addressPrefix: Value;
  networkSecurityGroup?: Resource;
  natGateway?: Resource;
  /** Service that the subnet is delegated to, such as `Microsoft.DBforPostgreSQL/flexibleServers`. */
  delegation?: string;
  /** False makes the subnet private: outbound traffic only through a NAT gateway. */
  defaultOutboundAccess?: boolean;
}

export interface VirtualNetworkOptions {
  symbolicName: string;
  name: Value;
  location: Value;
  addressPrefixes: readonly Value[];
  subnets: readonly SubnetOptions[];
}

/**
 * A virtual network with its subnets inline: a redeployment then sends the subnets
 * with the network, instead of removing subnets that are in use and adding them back.
 */
export class VirtualNetwork extends Resource {
  readonly subnets: readonly SubnetOptions[];

  constructor(options: VirtualNetworkOptions) {
    super({
      symbolicName: options.symbolicName,
      type: 'Microsoft.Network/virtualNetworks',
      apiVersion: apiVersions['Microsoft.Network/virtualNetworks'],
      name: options.name,
      body: {
        location: options.location,
        properties: {
          addressSpace: { addressPrefixes: [...options.addressPrefixes] },
          subnets: options.subnets.map(subnetBody),
        },
      },
    });
    this.subnets = options.subnets;
  }
}

function subnetBody(subnet: SubnetOptions): Value {
  const properties = compact({
    addressPrefix: subnet.addressPrefix,
    networkSecurityGroup: subnet.networkSecurityGroup ? { id: subnet.networkSecurityGroup.id } : undefined,
    natGateway: subnet.natGateway ? { id: subnet.natGateway.id } : undefined,
    delegations: subnet.delegation
      ? [{ name: subnet.delegation.replace(/\W/g, '-'), properties: { serviceName: subnet.delegation } }]
      : undefined,
    defaultOutboundAccess: subnet.defaultOutboundAccess,
  });
  return { name: subnet.name, properties };
}

/** Refers to a subnet of `network` by id; the network itself deploys the subnet. */
export function existingSubnet(options: { symbolicName: string; network: VirtualNetwork; name: string }): Resource {
  if (!options.network.subnets.some((subnet) => subnet.name === options.name)) {
    throw new Error(`Virtual network ${options.network.symbolicName} has no subnet ${options.name}; add it to its subnets`);
  }
  return define('Microsoft.Network/virtualNetworks/subnets', {
    symbolicName: options.symbolicName,
    parent: options.network,
    name: options.name,
    existing: true,
  });
}

export interface SecurityRuleOptions {
  name: string;
  description: string;
  /** 100 to 4096, unique per direction; lower numbers are evaluated first. */
  priority: Value;
  direction: 'Inbound' | 'Outbound';
  access: 'Allow' | 'Deny';
  protocol: 'Tcp' | 'Udp' | 'Icmp' | '*';
  sourceAddressPrefix: Value;
  destinationPortRange: Value;
  /** Includes the rule only when this evaluates to true. */
  condition?: Value;
}

function securityRuleBody(rule: SecurityRuleOptions): Value {
  return {
    name: rule.name,
    properties: {
      description: rule.description,
      priority: rule.priority,
      direction: rule.direction,
      access: rule.access,
      protocol: rule.protocol,
      sourceAddressPrefix: rule.sourceAddressPrefix,
      sourcePortRange: '*',
      destinationAddressPrefix: '*',
      destinationPortRange: rule.destinationPortRange,
    },
  };
}

/**
 * A network security group with its rules inline; a rule with a condition is
 * concatenated in only when the condition holds.
 */
export class NetworkSecurityGroup extends Resource {
  readonly rules: readonly SecurityRuleOptions[];

  constructor(options: { symbolicName: string; name: Value; location: Value; rules: readonly SecurityRuleOptions[] }) {
    const fixed = options.rules.filter((rule) => rule.condition === undefined).map(securityRuleBody);
    const optional = options.rules
      .filter((rule) => rule.condition !== undefined)
      .map((rule) => conditional(rule.condition as Value, [securityRuleBody(rule)], []));
    super({
      symbolicName: options.symbolicName,
      type: 'Microsoft.Network/networkSecurityGroups',
      apiVersion: apiVersions['Microsoft.Network/networkSecurityGroups'],
      name: options.name,
      body: {
        location: options.location,
        properties: { securityRules: optional.length === 0 ? fixed : concat(fixed, ...optional) },
      },
    });
    this.rules = options.rules;
  }
}

/** Defines a Standard, zone-less, static IPv4 address. */
export function standardPublicIp(options: { symbolicName: string; name: Value; location: Value; domainNameLabel?: Value }): Resource {
  return define('Microsoft.Network/publicIPAddresses', {
    symbolicName: options.symbolicName,
    name: options.name,
    body: {
      location: options.location,
      sku: { name: 'Standard', tier: 'Regional' },
      properties: compact({
        publicIPAddressVersion: 'IPv4',
        publicIPAllocationMethod: 'Static',
        dnsSettings: options.domainNameLabel === undefined ? undefined : { domainNameLabel: options.domainNameLabel },
      }),
    },
  });
}

export function natGateway(options: { symbolicName: string; name: Value; location: Value; publicIp: Resource; idleTimeoutInMinutes?: number }): Resource {
  return define('Microsoft.Network/natGateways', {
    symbolicName: options.symbolicName,
    name: options.name,
    body: {
      location: options.location,
      sku: { name: 'Standard' },
      properties: {
        idleTimeoutInMinutes: options.idleTimeoutInMinutes ?? 4,
        publicIpAddresses: [{ id: options.publicIp.id }],
      },
    },
  });
}

export interface HealthProbeOptions {
  name: string;
  port: Value;
  requestPath: Value;
  intervalInSeconds: Value;
  numberOfProbes: Value;
}

export interface LoadBalancerOptions {
  symbolicName: string;
  name: Value;
  location: Value;
  publicIp: Resource;
  frontendName: string;
  backendPoolName: string;
  probe: HealthProbeOptions;
  rule: { name: string; frontendPort: Value; backendPort: Value; idleTimeoutInMinutes: Value };
}

/**
 * Defines a Standard public load balancer with one frontend, one backend pool, an HTTP
 * probe and one TCP rule. Outbound SNAT through the frontend is off because the
 * subnet's NAT gateway carries outbound traffic.
 */
export function standardLoadBalancer(options: LoadBalancerOptions): Resource {
  return define('Microsoft.Network/loadBalancers', {
    symbolicName: options.symbolicName,
    name: options.name,
    body: (self) => ({
      location: options.location,
      sku: { name: 'Standard', tier: 'Regional' },
      properties: {
        frontendIPConfigurations: [{ name: options.frontendName, properties: { publicIPAddress: { id: options.publicIp.id } } }],
        backendAddressPools: [{ name: options.backendPoolName }],
        probes: [
          {
            name: options.probe.name,
            properties: {
              protocol: 'Http',
              port: options.probe.port,
              requestPath: options.probe.requestPath,
              intervalInSeconds: options.probe.intervalInSeconds,
              numberOfProbes: options.probe.numberOfProbes,
              probeThreshold: options.probe.numberOfProbes,
            },
          },
        ],
        loadBalancingRules: [
          {
            name: options.rule.name,
            properties: {
              // Sub-resources of this balancer: their ids are built from its name, since
              // a reference to the balancer itself would be a dependency on itself.
              frontendIPConfiguration: { id: self.childId('frontendIPConfigurations', options.frontendName) },
              backendAddressPool: { id: self.childId('backendAddressPools', options.backendPoolName) },
              probe: { id: self.childId('probes', options.probe.name) },
              protocol: 'Tcp',
              frontendPort: options.rule.frontendPort,
              backendPort: options.rule.backendPort,
              idleTimeoutInMinutes: options.rule.idleTimeoutInMinutes,
              enableFloatingIP: false,
              disableOutboundSnat: true,
              loadDistribution: 'Default',
            },
          },
        ],
      },
    }),
  });
}

/** Refers to a backend pool defined inside `loadBalancer` by id. */
export function existingBackendPool(options: { symbolicName: string; loadBalancer: Resource; name: string }): Resource {
  return define('Microsoft.Network/loadBalancers/backendAddressPools', {
    symbolicName: options.symbolicName,
    parent: options.loadBalancer,
    name: options.name,
    existing: true,
  });
}

/** Defines a private DNS zone, a global resource. */
export function privateDnsZone(options: { symbolicName: string; name: Value }): Resource {
  return define('Microsoft.Network/privateDnsZones', {
    symbolicName: options.symbolicName,
    name: options.name,
    body: { location: 'global' },
  });
}

/** Lets `network` resolve names in `zone`, without registering its machines there. */
export function virtualNetworkLink(options: { symbolicName: string; zone: Resource; name: Value; network: Resource }): Resource {
  return define('Microsoft.Network/privateDnsZones/virtualNetworkLinks', {
    symbolicName: options.symbolicName,
    parent: options.zone,
    name: options.name,
    body: {
      location: 'global',
      properties: { registrationEnabled: false, virtualNetwork: { id: options.network.id } },
    },
  });
}
