/**
 * The main template: network, load balancer, PostgreSQL, the scale set that runs
 * the release, and the autoscale setting that sizes it. Deployed after the
 * foundation template and the upload of the release tarball.
 */
import { defaultBootOptions } from '../cloud-init';
import {
  conditional,
  empty,
  interpolate,
  not,
  resourceGroupId,
  toStringValue,
  uniqueString,
} from '../core/expression';
import type { Resource } from '../core/resource';
import type { Value } from '../core/expression';
import type { ComparisonOperator, ScaleDirection, ScaleRule } from '../autoscale/model';
import type { Valued } from '../azure/define';
import { Template } from '../core/template';
import { flexibleScaleSet } from '../azure/compute';
import { autoscaleSetting } from '../azure/insights';
import { existingUserAssignedIdentity } from '../azure/managed-identity';
import {
  NetworkSecurityGroup,
  VirtualNetwork,
  existingBackendPool,
  existingSubnet,
  natGateway,
  privateDnsZone,
  standardLoadBalancer,
  standardPublicIp,
  virtualNetworkLink,
} from '../azure/network';
import { entraAdministrator, flexibleServer, postgresDatabase } from '../azure/postgresql';
import { customDataValue } from './custom-data';
import { declareMainParameters } from './main-parameters';

/** Port the service listens on inside each instance, the same one cloud-init configures. */
export const appPort = defaultBootOptions.port;
export const readinessPath = '/health';
export const livenessPath = '/health/live';

/** Probe timing of the load balancer: an instance leaves rotation after 2 failures 5 s apart. */
export const probeIntervalSeconds = 5;
export const probeCount = 2;

/**
 * Installed when `sshPublicKey` is empty, because Azure requires at least one key when
 * password login is off. Its private half was deleted right after it was generated,
 * so no one can log in with it.
 */
const unusableSshPublicKey =
  'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQC1VpTGyN9esnk0sP7d4TTbn2nZaJ1uHRGQ2F++lD6GkmTPu6HxhfhrO/6AavJv0vracSOp8kEw9IEzrPSX2GJ1LmkzZ5AGP17+dRmh69NDZkMz5T1r5ZSYqCMvu/AfFjCcNn1Gu7KRMElYTVtGbxu2lxUIsLZkmCtf4B3v3Rf3NCG/ycWAm93TM0W6ojPdwtB6ebe5q37IjwpQ22vaw99ZufsH95R4WYBll7UNiqwKMsNNabTAKwBY56WhfpQ9otVATp4CHoN1lPuboLjVGVEt7YkbjOKXyIAOVd2B3ENKk1w02WLTAG6swhLcRwO7QcFthV91BqOH0MjSucLD/xKEHpzLk9hmYXON4ycmfEXJodQXlRWiaFoF6OcKo0XV96e1x4UE7KeZwPTTs0+zRdaK/9o7dpAvIK1HCO3wf8krBmwm8HgKd+LChicbGah7+tKSi3vaaZTHbSn6BGTONMbKNPV5d2JsrDAe3Vm/2VuLCRZpDxYt/9WzWj28wi6z+Z0= vmss-autoscaling-no-login';

export interface MainTopology {
  template: Template;
  loadBalancer: Resource;
  scaleSet: Resource;
  autoscale: Resource;
}

export function buildMainTopology(): MainTopology {
  const template = new Template('main', 'Network, load balancer, PostgreSQL, scale set and autoscale of vmss-autoscaling: deploy after the foundation and the release upload.');
  const p = declareMainParameters(template);
  const location = p.location.ref;

  const identity = template.resource(existingUserAssignedIdentity({ symbolicName: 'identity', name: p.identityName.ref }));

  // Network: the instances' subnet leaves through the NAT gateway, and admits the app
  // port from the Internet and SSH only from the given range.
  const nsg = template.resource(
    new NetworkSecurityGroup({
      symbolicName: 'nsg',
      name: interpolate`${p.prefix.ref}-nsg`,
      location,
      rules: [
        {
          name: 'allow-app',
          description: 'The app port, which the load balancer forwards port 80 to.',
          priority: 100,
          direction: 'Inbound',
          access: 'Allow',
          protocol: 'Tcp',
          sourceAddressPrefix: 'Internet',
          destinationPortRange: String(appPort),
        },
        {
          name: 'allow-ssh',
          description: 'SSH from the range given in sshSourceAddressPrefix.',
          priority: 110,
          direction: 'Inbound',
          access: 'Allow',
          protocol: 'Tcp',
          sourceAddressPrefix: p.sshSourceAddressPrefix.ref,
          destinationPortRange: '22',
          condition: not(empty(p.sshSourceAddressPrefix.ref)),
        },
      ],
    }),
  );
  const natAddress = template.resource(standardPublicIp({ symbolicName: 'natAddress', name: interpolate`${p.prefix.ref}-nat-ip`, location }));
  const nat = template.resource(natGateway({ symbolicName: 'nat', name: interpolate`${p.prefix.ref}-nat`, location, publicIp: natAddress }));
  const vnet = template.resource(
    new VirtualNetwork({
      symbolicName: 'vnet',
      name: interpolate`${p.prefix.ref}-vnet`,
      location,
      addressPrefixes: [p.vnetAddressPrefix.ref],
      subnets: [
        { name: 'vm', addressPrefix: p.vmSubnetPrefix.ref, networkSecurityGroup: nsg, natGateway: nat, defaultOutboundAccess: false },
        { name: 'database', addressPrefix: p.databaseSubnetPrefix.ref, delegation: 'Microsoft.DBforPostgreSQL/flexibleServers', defaultOutboundAccess: false },
      ],
    }),
  ) as VirtualNetwork;
  const vmSubnet = template.resource(existingSubnet({ symbolicName: 'vmSubnet', network: vnet, name: 'vm' }));
  const databaseSubnet = template.resource(existingSubnet({ symbolicName: 'databaseSubnet', network: vnet, name: 'database' }));

  // Load balancer: port 80 to the app port of healthy instances.
  const appAddress = template.resource(
    standardPublicIp({
      symbolicName: 'appAddress',
      name: interpolate`${p.prefix.ref}-ip`,
      location,
      domainNameLabel: interpolate`${p.prefix.ref}-${uniqueString(resourceGroupId())}`,
    }),
  );
  const loadBalancer = template.resource(
    standardLoadBalancer({
      symbolicName: 'loadBalancer',
      name: interpolate`${p.prefix.ref}-lb`,
      location,
      publicIp: appAddress,
      frontendName: 'frontend',
      backendPoolName: 'instances',
      probe: { name: 'readiness', port: appPort, requestPath: readinessPath, intervalInSeconds: probeIntervalSeconds, numberOfProbes: probeCount },
      // The idle timeout stays below the service's keep-alive timeout.
      rule: { name: 'http', frontendPort: 80, backendPort: appPort, idleTimeoutInMinutes: 4 },
    }),
  );
  const backendPool = template.resource(existingBackendPool({ symbolicName: 'backendPool', loadBalancer, name: 'instances' }));

  // PostgreSQL: private access through the delegated subnet and the private DNS zone.
  const dnsZone = template.resource(privateDnsZone({ symbolicName: 'dnsZone', name: interpolate`${p.prefix.ref}.private.postgres.database.azure.com` }));
  const dnsLink = template.resource(virtualNetworkLink({ symbolicName: 'dnsLink', zone: dnsZone, name: interpolate`${p.prefix.ref}-vnet-link`, network: vnet }));
  const postgres = template.resource(
    flexibleServer({
      symbolicName: 'postgres',
      // Server names are global, as part of <name>.postgres.database.azure.com.
      name: interpolate`${p.prefix.ref}-pg-${uniqueString(resourceGroupId())}`,
      location,
      version: p.postgresVersion.ref,
      skuName: p.postgresSkuName.ref,
      tier: p.postgresTier.ref,
      storageSizeGB: p.postgresStorageSizeGB.ref,
      backupRetentionDays: p.postgresBackupRetentionDays.ref,
      highAvailabilityMode: p.postgresHighAvailability.ref,
      delegatedSubnetId: databaseSubnet.id,
      privateDnsZone: dnsZone,
      dependsOn: [dnsLink],
    }),
  );
  const administrator = template.resource(
    entraAdministrator({ symbolicName: 'postgresAdministrator', server: postgres, principalId: p.identityPrincipalId.ref, principalName: p.identityName.ref }),
  );
  const database = template.resource(postgresDatabase({ symbolicName: 'database', server: postgres, name: p.databaseName.ref }));

  // Scale set: every instance boots the release with cloud-init.
  const scaleSet = template.resource(
    flexibleScaleSet({
      symbolicName: 'scaleSet',
      name: interpolate`${p.prefix.ref}-vmss`,
      location,
      vmSize: p.vmSize.ref,
      capacity: p.autoscaleDefault.ref,
      identity,
      adminUsername: p.adminUsername.ref,
      sshPublicKeys: [
        {
          path: interpolate`/home/${p.adminUsername.ref}/.ssh/authorized_keys`,
          keyData: conditional(empty(p.sshPublicKey.ref), unusableSshPublicKey, p.sshPublicKey.ref),
        },
      ],
      customData: customDataValue({
        releaseBlobUrl: p.releaseBlobUrl.ref,
        releaseSha256: p.releaseSha256.ref,
        identityClientId: identity.property('clientId'),
        postgresHost: postgres.property('fullyQualifiedDomainName'),
        postgresDatabase: p.databaseName.ref,
        postgresUser: p.identityName.ref,
      }),
      subnetId: vmSubnet.id,
      backendPoolId: backendPool.id,
      health: { protocol: 'http', port: appPort, requestPath: livenessPath, intervalInSeconds: 5, numberOfProbes: 2, gracePeriod: 600 },
      // Covers boot: image start, cloud-init, the download retried while the role
      // assignment propagates, and the first database migration.
      repairGracePeriod: 'PT30M',
      terminateNotBeforeTimeout: 'PT5M',
      // Instances log in to the database at first boot, as the administrator role.
      dependsOn: [administrator, database],
    }),
  );

  const autoscale = template.resource(
    autoscaleSetting({
      symbolicName: 'autoscale',
      name: interpolate`${p.prefix.ref}-autoscale`,
      location,
      target: scaleSet,
      profiles: [
        {
          name: 'cpu',
          capacity: {
            minimum: toStringValue(p.autoscaleMinimum.ref),
            maximum: toStringValue(p.autoscaleMaximum.ref),
            default: toStringValue(p.autoscaleDefault.ref),
          },
          rules: [
            cpuRule(scaleSet, 'GreaterThan', p.scaleOutCpuThreshold.ref, p.scaleOutTimeWindow.ref, p.metricTimeGrain.ref, 'Increase', p.scaleOutStep.ref, p.scaleOutCooldown.ref),
            cpuRule(scaleSet, 'LessThan', p.scaleInCpuThreshold.ref, p.scaleInTimeWindow.ref, p.metricTimeGrain.ref, 'Decrease', p.scaleInStep.ref, p.scaleInCooldown.ref),
          ],
        },
      ],
      notifications: [
        {
          operation: 'Scale',
          email: { sendToSubscriptionAdministrator: false, sendToSubscriptionCoAdministrators: false, customEmails: p.autoscaleNotificationEmails.ref },
          webhooks: conditional(empty(p.autoscaleWebhookUrl.ref), [], [{ serviceUri: p.autoscaleWebhookUrl.ref }]),
        },
      ],
    }),
  );

  template.output({ name: 'appUrl', type: 'string', value: interpolate`http://${appAddress.property('ipAddress')}/`, description: 'Address of the app behind the load balancer.' });
  template.output({ name: 'healthUrl', type: 'string', value: interpolate`http://${appAddress.property('ipAddress')}${readinessPath}`, description: 'Readiness endpoint, as the load balancer probes it.' });
  template.output({ name: 'publicIpAddress', type: 'string', value: appAddress.property('ipAddress'), description: 'Public IP address of the load balancer.' });
  template.output({ name: 'appFqdn', type: 'string', value: appAddress.property('dnsSettings.fqdn'), description: 'DNS name of the load balancer\'s address.' });
  template.output({ name: 'vmssName', type: 'string', value: scaleSet.nameRef, description: 'Name of the scale set.' });
  template.output({ name: 'postgresFqdn', type: 'string', value: postgres.property('fullyQualifiedDomainName'), description: 'Private DNS name of the PostgreSQL server.' });
  template.output({ name: 'autoscaleSettingName', type: 'string', value: autoscale.nameRef, description: 'Name of the autoscale setting.' });
  template.output({ name: 'identityClientId', type: 'string', value: identity.property('clientId'), description: 'Client id of the instances\' identity.' });

  return { template, loadBalancer, scaleSet, autoscale };
}

function cpuRule(
  scaleSet: Resource,
  operator: ComparisonOperator,
  threshold: Value,
  timeWindow: Value,
  timeGrain: Value,
  direction: ScaleDirection,
  step: Value,
  cooldown: Value,
): Valued<ScaleRule> {
  return {
    metricTrigger: {
      metricName: 'Percentage CPU',
      metricNamespace: 'microsoft.compute/virtualmachinescalesets',
      metricResourceUri: scaleSet.id,
      timeGrain: timeGrain as Valued<string>,
      statistic: 'Average',
      timeWindow: timeWindow as Valued<string>,
      timeAggregation: 'Average',
      operator,
      threshold: threshold as Valued<number>,
    },
    scaleAction: { direction, type: 'ChangeCount', value: toStringValue(step), cooldown: cooldown as Valued<string> },
  };
}

/** The main template alone. */
export function buildMain(): Template {
  return buildMainTopology().template;
}
