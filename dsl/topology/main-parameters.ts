/** Parameters of the main template, each with its default and the limits Azure or the app imposes. */
import { resourceGroupLocation } from '../core/expression';
import type { Parameter } from '../core/parameter';
import type { Template } from '../core/template';
import { prefixParameterOptions } from './naming';

export interface MainParameters {
  location: Parameter<string>;
  prefix: Parameter<string>;
  identityName: Parameter<string>;
  identityPrincipalId: Parameter<string>;
  releaseBlobUrl: Parameter<string>;
  releaseSha256: Parameter<string>;
  adminUsername: Parameter<string>;
  sshPublicKey: Parameter<string>;
  sshSourceAddressPrefix: Parameter<string>;
  vmSize: Parameter<string>;
  vnetAddressPrefix: Parameter<string>;
  vmSubnetPrefix: Parameter<string>;
  databaseSubnetPrefix: Parameter<string>;
  postgresVersion: Parameter<string>;
  postgresSkuName: Parameter<string>;
  postgresTier: Parameter<string>;
  postgresStorageSizeGB: Parameter<number>;
  postgresBackupRetentionDays: Parameter<number>;
  postgresHighAvailability: Parameter<string>;
  databaseName: Parameter<string>;
  autoscaleMinimum: Parameter<number>;
  autoscaleMaximum: Parameter<number>;
  autoscaleDefault: Parameter<number>;
  metricTimeGrain: Parameter<string>;
  scaleOutCpuThreshold: Parameter<number>;
  scaleOutTimeWindow: Parameter<string>;
  scaleOutStep: Parameter<number>;
  scaleOutCooldown: Parameter<string>;
  scaleInCpuThreshold: Parameter<number>;
  scaleInTimeWindow: Parameter<string>;
  scaleInStep: Parameter<number>;
  scaleInCooldown: Parameter<string>;
  autoscaleNotificationEmails: Parameter<string[]>;
  autoscaleWebhookUrl: Parameter<string>;
}

// Flexible orchestration allows up to 1000 instances per scale set:
// https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-orchestration-modes
const maxInstances = 1000;

export function declareMainParameters(template: Template): MainParameters {
  const string = (name: string, description: string, extra: Partial<Parameters<Template['parameter']>[1]> = {}): Parameter<string> =>
    template.parameter<string>(name, { type: 'string', description, ...extra });
  const int = (name: string, description: string, defaultValue: number, minValue: number, maxValue: number): Parameter<number> =>
    template.parameter<number>(name, { type: 'int', description, defaultValue, minValue, maxValue });

  return {
    location: string('location', 'Azure region of every resource; defaults to the resource group\'s region.', { defaultValue: resourceGroupLocation() }),
    prefix: template.parameter<string>('prefix', prefixParameterOptions),
    identityName: string('identityName', 'Name of the user-assigned identity that the foundation template created (its output identityName).'),
    identityPrincipalId: string('identityPrincipalId', 'Object id of that identity (the foundation output identityPrincipalId); it names the database\'s Entra administrator.', {
      minLength: 36,
      maxLength: 36,
    }),
    releaseBlobUrl: string('releaseBlobUrl', 'HTTPS address of the release tarball in the foundation\'s releases container.', { minLength: 1 }),
    releaseSha256: string('releaseSha256', 'SHA-256 of the release tarball, 64 hexadecimal digits; instances refuse a download that does not match.', {
      minLength: 64,
      maxLength: 64,
    }),
    adminUsername: string('adminUsername', 'Login name of the instances\' administrator account (SSH key only).', { defaultValue: 'azureuser' }),
    sshPublicKey: string('sshPublicKey', 'SSH public key of the administrator; empty installs a key whose private half was discarded, so nobody can log in.', {
      defaultValue: '',
    }),
    sshSourceAddressPrefix: string('sshSourceAddressPrefix', 'Address range (CIDR or IP) allowed to reach port 22; empty adds no SSH rule.', { defaultValue: '' }),
    vmSize: string('vmSize', 'Size of every instance.', { defaultValue: 'Standard_B1s' }),
    vnetAddressPrefix: string('vnetAddressPrefix', 'Address space of the virtual network.', { defaultValue: '10.40.0.0/16' }),
    vmSubnetPrefix: string('vmSubnetPrefix', 'Subnet of the instances, inside the address space.', { defaultValue: '10.40.0.0/24' }),
    databaseSubnetPrefix: string('databaseSubnetPrefix', 'Subnet delegated to PostgreSQL, inside the address space.', { defaultValue: '10.40.1.0/24' }),
    postgresVersion: string('postgresVersion', 'PostgreSQL major version.', { defaultValue: '16', allowedValues: ['16', '17'] }),
    postgresSkuName: string('postgresSkuName', 'Compute size of the PostgreSQL server.', { defaultValue: 'Standard_B1ms' }),
    postgresTier: string('postgresTier', 'Pricing tier that matches postgresSkuName.', {
      defaultValue: 'Burstable',
      allowedValues: ['Burstable', 'GeneralPurpose', 'MemoryOptimized'],
    }),
    postgresStorageSizeGB: int('postgresStorageSizeGB', 'Storage of the PostgreSQL server, in GiB.', 32, 32, 32767),
    // Backup retention is 7 to 35 days: https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-backup-restore
    postgresBackupRetentionDays: int('postgresBackupRetentionDays', 'Days of point-in-time backups.', 7, 7, 35),
    postgresHighAvailability: string('postgresHighAvailability', 'High availability of the PostgreSQL server (not offered on Burstable).', {
      defaultValue: 'Disabled',
      allowedValues: ['Disabled', 'SameZone', 'ZoneRedundant'],
    }),
    databaseName: string('databaseName', 'Database the app uses.', { defaultValue: 'app' }),
    autoscaleMinimum: int('autoscaleMinimum', 'Fewest instances autoscale keeps.', 1, 1, maxInstances),
    autoscaleMaximum: int('autoscaleMaximum', 'Most instances autoscale creates.', 5, 1, maxInstances),
    autoscaleDefault: int('autoscaleDefault', 'Instances at deployment, and while the CPU metric is missing.', 1, 1, maxInstances),
    metricTimeGrain: string('metricTimeGrain', 'Granularity of the CPU samples autoscale aggregates (ISO 8601, PT1M to PT12H).', { defaultValue: 'PT1M' }),
    scaleOutCpuThreshold: int('scaleOutCpuThreshold', 'Average CPU percentage above which one rule adds instances.', 70, 1, 100),
    scaleOutTimeWindow: string('scaleOutTimeWindow', 'Window the scale-out rule averages CPU over (ISO 8601, PT5M to PT12H).', { defaultValue: 'PT5M' }),
    scaleOutStep: int('scaleOutStep', 'Instances added per scale-out.', 1, 1, maxInstances),
    scaleOutCooldown: string('scaleOutCooldown', 'Wait after a scale-out before the next scale action (ISO 8601, PT1M to P7D).', { defaultValue: 'PT5M' }),
    scaleInCpuThreshold: int('scaleInCpuThreshold', 'Average CPU percentage below which one rule removes instances.', 30, 0, 99),
    scaleInTimeWindow: string('scaleInTimeWindow', 'Window the scale-in rule averages CPU over (ISO 8601, PT5M to PT12H).', { defaultValue: 'PT5M' }),
    scaleInStep: int('scaleInStep', 'Instances removed per scale-in.', 1, 1, maxInstances),
    scaleInCooldown: string('scaleInCooldown', 'Wait after a scale-in before the next scale action (ISO 8601, PT1M to P7D).', { defaultValue: 'PT5M' }),
    autoscaleNotificationEmails: template.parameter<string[]>('autoscaleNotificationEmails', {
      type: 'array',
      description: 'Email addresses notified of every scale action; empty sends no email.',
      defaultValue: [],
    }),
    autoscaleWebhookUrl: string('autoscaleWebhookUrl', 'HTTPS address called on every scale action; empty calls none. Secure because such addresses often carry a token.', {
      defaultValue: '',
      secure: true,
    }),
  };
}
