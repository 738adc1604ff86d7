import { BootOptions, checkEnvironmentValue, SettingName, settingNames, settingVariables } from './settings';

/**
 * Renders `/etc/vmss-autoscaling/service.env`: the service's environment (the systemd unit's
 * EnvironmentFile) followed by the release and boot settings that the bootstrap reads.
 * One `NAME=value` per line, unquoted, so systemd and the bootstrap's own parser agree.
 */
export function renderServiceEnvironment(settings: Readonly<Record<SettingName, string>>, options: BootOptions): string {
  for (const name of settingNames) {
    if (typeof settings[name] !== 'string' || settings[name] === '') {
      throw new Error(`Missing cloud-init setting ${name}: pass a non-empty string for each of ${settingNames.join(', ')}`);
    }
  }

  const service: Array<[string, string]> = [
    ['NODE_ENV', 'production'],
    ['PORT', String(options.port)],
    ['HOST', options.host],
    ['DATABASE_AUTH', 'entra'],
    [settingVariables.postgresHost, settings.postgresHost],
    ['PGPORT', '5432'],
    [settingVariables.postgresDatabase, settings.postgresDatabase],
    [settingVariables.postgresUser, settings.postgresUser],
    [settingVariables.identityClientId, settings.identityClientId],
    // Left empty here because the VM name is known only on the instance: the bootstrap fills it.
    ['INSTANCE_ID', ''],
    ['LOG_LEVEL', 'info'],
  ];
  const release: Array<[string, string]> = [
    [settingVariables.releaseBlobUrl, settings.releaseBlobUrl],
    [settingVariables.releaseSha256, settings.releaseSha256],
    ['IMDS_ENDPOINT', options.imdsEndpoint],
    ['ROOT_PREFIX', options.rootPrefix],
    ['DOWNLOAD_ATTEMPTS', String(options.downloadAttempts)],
    ['RETRY_BASE_MS', String(options.retryBaseMs)],
    ['RETRY_MAX_MS', String(options.retryMaxMs)],
    ['HEALTH_TIMEOUT_SECONDS', String(options.healthTimeoutSeconds)],
  ];

  for (const [name, value] of Object.entries(options.environment)) {
    const existing = service.find(([serviceName]) => serviceName === name);
    if (existing) {
      existing[1] = value;
    } else if (release.some(([releaseName]) => releaseName === name)) {
      throw new Error(`Environment override ${name} is a release setting: set it through the settings or boot options`);
    } else {
      service.push([name, value]);
    }
  }

  const lines = ['# Service environment, written by cloud-init.'];
  for (const [name, value] of service) {
    checkEnvironmentValue(name, value);
    lines.push(`${name}=${value}`);
  }
  lines.push('# Release and boot settings, read by the bootstrap.');
  for (const [name, value] of release) {
    checkEnvironmentValue(name, value);
    lines.push(`${name}=${value}`);
  }
  return `${lines.join('\n')}\n`;
}
