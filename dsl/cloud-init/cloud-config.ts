/**
 * The cloud-config that every scale-set instance runs at first boot.
 *
 * API (stable; the topology embeds its output as the scale set's customData):
 *
 *   renderCloudConfig(settings: Record<SettingName, string>, options?: Partial<BootOptions>): string
 *
 * `settings` carries the deployment-time values (see `SettingName` in ./settings). The renderer
 * writes each one once, verbatim, as `VARIABLE=<value>` on its own line of the environment
 * file and nowhere else. A caller may therefore pass unique marker strings and split the output
 * on them to splice template expressions in, provided the markers occur in no other text of
 * the document (the tests check this for `@@CLOUD_INIT_<name>@@`). Values must be non-empty
 * and free of whitespace, quotes, backslashes, `$` and backticks.
 * `options` keeps production defaults (`defaultBootOptions`) unless a test overrides them.
 *
 * The document creates an unprivileged user, writes the environment file, the systemd unit
 * and the bootstrap script, then runs the bootstrap, which downloads, verifies and starts the
 * release. Nothing is installed with apt and nothing is built, so boot time is download time.
 * Output is deterministic: the same arguments give the same bytes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

import { renderServiceEnvironment } from './service-environment';
import { renderServiceUnit } from './service-unit';
import { BootOptions, bootPaths, defaultBootOptions, SettingName, serviceUser } from './settings';

export { renderServiceEnvironment } from './service-environment';
export { renderServiceUnit, stopTimeoutSeconds } from './service-unit';
export * from './settings';

/**
 * Maximum size of customData after base64 decoding, in bytes:
 * https://learn.microsoft.com/en-us/javascript/api/@azure/arm-compute/osprofileprovisioningdata
 */
export const customDataLimitBytes = 65535;

/** Returns the bootstrap script, which takes the environment file's path as its argument. */
export function bootstrapScript(): string {
  return readFileSync(join(__dirname, 'bootstrap.sh'), 'utf8');
}

/** One `write_files` entry of the cloud-config. */
export interface CloudConfigFile {
  path: string;
  content: string;
  permissions: string;
  owner: string;
}

/** Lists the files the cloud-config writes, with paths relative to the instance's root. */
export function cloudConfigFiles(settings: Readonly<Record<SettingName, string>>, options: Partial<BootOptions> = {}): CloudConfigFile[] {
  const resolved: BootOptions = { ...defaultBootOptions, ...options };
  return [
    // No secret is in this file (the database uses Entra tokens), so it stays world-readable.
    { path: bootPaths.environmentFile, content: renderServiceEnvironment(settings, resolved), permissions: '0644', owner: 'root:root' },
    { path: bootPaths.unitFile, content: renderServiceUnit(), permissions: '0644', owner: 'root:root' },
    { path: bootPaths.bootstrapScript, content: bootstrapScript(), permissions: '0755', owner: 'root:root' },
  ];
}

/** Renders the `#cloud-config` document; see the API notes at the top of this file. */
export function renderCloudConfig(settings: Readonly<Record<SettingName, string>>, options: Partial<BootOptions> = {}): string {
  const document = {
    users: [
      // Keeps the image's admin user, which the scale set's osProfile configures.
      'default',
      { name: serviceUser, system: true, shell: '/usr/sbin/nologin', lock_passwd: true, no_create_home: true },
    ],
    write_files: cloudConfigFiles(settings, options),
    runcmd: [[bootPaths.bootstrapScript, bootPaths.environmentFile]],
  };
  const body = stringify(document, { blockQuote: 'literal', lineWidth: 0 });
  const rendered = `#cloud-config\n${body}`;

  const size = Buffer.byteLength(rendered, 'utf8');
  if (size > customDataLimitBytes) {
    throw new Error(`Rendered cloud-config is ${size} bytes, over Azure's customData limit of ${customDataLimitBytes}: shorten the bootstrap script`);
  }
  return rendered;
}
