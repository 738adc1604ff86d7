/**
 * The values that the cloud-config takes: deployment-time settings, which the
 * topology fills from template parameters and outputs, and boot options, which
 * have production defaults and which tests point at loopback stand-ins.
 */

/** Deployment-time values, each written unquoted into the environment file. */
export type SettingName =
  | 'releaseBlobUrl'
  | 'releaseSha256'
  | 'identityClientId'
  | 'postgresHost'
  | 'postgresDatabase'
  | 'postgresUser';

/** Every setting with the environment variable that carries it, in file order. */
export const settingVariables: Readonly<Record<SettingName, string>> = {
  postgresHost: 'PGHOST',
  postgresDatabase: 'PGDATABASE',
  postgresUser: 'PGUSER',
  identityClientId: 'AZURE_CLIENT_ID',
  releaseBlobUrl: 'RELEASE_BLOB_URL',
  releaseSha256: 'RELEASE_SHA256',
};

export const settingNames = Object.keys(settingVariables) as readonly SettingName[];

/** Options of the boot that are constant in production. */
export interface BootOptions {
  /** Base address of the Instance Metadata Service. */
  imdsEndpoint: string;
  /** Folder that stands for `/` in every path the bootstrap writes; empty in production. */
  rootPrefix: string;
  /** Port and address the service listens on. */
  port: number;
  host: string;
  /** Download attempts before the boot fails; with the default delays, 64 attempts wait about 30 minutes in total. */
  downloadAttempts: number;
  /** First retry delay in milliseconds, doubled on each attempt up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Seconds the bootstrap waits for the service's health endpoint after starting it. */
  healthTimeoutSeconds: number;
  /** Extra or replaced service variables, such as LOG_LEVEL; each name must match [A-Z_][A-Z0-9_]*. */
  environment: Readonly<Record<string, string>>;
}

export const defaultBootOptions: Readonly<BootOptions> = {
  // Azure's fixed, non-routable IMDS address:
  // https://learn.microsoft.com/en-us/azure/virtual-machines/instance-metadata-service
  imdsEndpoint: 'http://169.254.169.254',
  rootPrefix: '',
  port: 8080,
  host: '0.0.0.0',
  // Role assignment changes can take up to 30 minutes to take effect, so the bootstrap keeps
  // retrying 403 for that long: https://learn.microsoft.com/en-us/answers/questions/524792/azure-rbac-replication-latency.html
  downloadAttempts: 64,
  retryBaseMs: 2000,
  retryMaxMs: 30000,
  // An estimate that leaves room for the first migration run against a cold Burstable PostgreSQL server.
  healthTimeoutSeconds: 180,
  environment: {},
};

/** Paths on the instance, relative to the root prefix. */
export const bootPaths = {
  environmentFile: '/etc/vmss-autoscaling/service.env',
  unitFile: '/etc/systemd/system/vmss-autoscaling.service',
  bootstrapScript: '/usr/local/sbin/vmss-autoscaling-bootstrap',
  releaseRoot: '/opt/vmss-autoscaling',
  stateDirectory: '/var/lib/vmss-autoscaling',
} as const;

export const serviceUser = 'vmss-autoscaling';
export const unitName = 'vmss-autoscaling.service';

const variableNamePattern = /^[A-Z_][A-Z0-9_]*$/;
// Values go unquoted into a file that both systemd and the bootstrap read, so nothing that
// either one could interpret is allowed: no whitespace, quotes, backslashes, `$` or backticks.
const unsafeValuePattern = /[\s"'\\$`]/;

/** Throws when a value cannot be written unquoted into the environment file. */
export function checkEnvironmentValue(name: string, value: string): void {
  if (!variableNamePattern.test(name)) {
    throw new Error(`Invalid environment variable name ${JSON.stringify(name)}: use capital letters, digits and _`);
  }
  const unsafe = unsafeValuePattern.exec(value);
  if (unsafe) {
    throw new Error(
      `Invalid value for ${name}: ${JSON.stringify(value)} contains ${JSON.stringify(unsafe[0])}; ` +
        'environment file values may not contain whitespace, quotes, backslashes, $ or backticks',
    );
  }
}
