import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

import { describeWhen, findCommand } from '../../test/support/requirements';
import {
  bootPaths,
  bootstrapScript,
  CloudConfigFile,
  renderCloudConfig,
  renderServiceEnvironment,
  renderServiceUnit,
  settingNames,
  settingVariables,
  defaultBootOptions,
} from './cloud-config';
import { markerSettings } from './marker-settings';

interface ParsedCloudConfig {
  users: unknown[];
  write_files: CloudConfigFile[];
  runcmd: string[][];
}

describe('renderCloudConfig', () => {
  const rendered = renderCloudConfig(markerSettings());
  const parsed = parse(rendered) as ParsedCloudConfig;

  test('starts with the cloud-config header', () => {
    expect(rendered.startsWith('#cloud-config\n')).toBe(true);
  });

  test('each marker appears once, on its variable line', () => {
    const markers = markerSettings();
    for (const name of settingNames) {
      expect(rendered.split(markers[name])).toHaveLength(2);
      expect(rendered).toContain(`      ${settingVariables[name]}=${markers[name]}\n`);
    }
  });

  test('writes the environment file, unit and bootstrap', () => {
    const paths = parsed.write_files.map((file) => file.path);
    expect(paths).toEqual([bootPaths.environmentFile, bootPaths.unitFile, bootPaths.bootstrapScript]);

    const [environment, unit, bootstrap] = parsed.write_files;
    expect(environment.content).toBe(renderServiceEnvironment(markerSettings(), defaultBootOptions));
    expect(unit.content).toBe(renderServiceUnit());
    expect(bootstrap.content).toBe(bootstrapScript());
    expect(bootstrap.permissions).toBe('0755');
  });

  test('runs the bootstrap with the environment file', () => {
    expect(parsed.runcmd).toEqual([[bootPaths.bootstrapScript, bootPaths.environmentFile]]);
  });

  test('environment file has the service settings', () => {
    const environment = parsed.write_files[0].content;
    expect(environment).toMatch(/^PORT=8080$/m);
    expect(environment).toMatch(/^HOST=0\.0\.0\.0$/m);
    expect(environment).toMatch(/^DATABASE_AUTH=entra$/m);
    expect(environment).toMatch(/^INSTANCE_ID=$/m);
    expect(environment).toMatch(/^IMDS_ENDPOINT=http:\/\/169\.254\.169\.254$/m);
  });

  test('unit runs the release node as a user', () => {
    const unit = parsed.write_files[1].content;
    expect(unit).toContain('ExecStart=/opt/vmss-autoscaling/current/node/bin/node /opt/vmss-autoscaling/current/service/main.js\n');
    expect(unit).toContain('EnvironmentFile=/etc/vmss-autoscaling/service.env\n');
    expect(unit).toContain('User=vmss-autoscaling\n');
    expect(unit).toContain('Restart=on-failure\n');
    expect(unit).toContain('KillSignal=SIGTERM\n');
    expect(unit).toMatch(/^TimeoutStopSec=\d+$/m);
  });

  test('is well under the customData limit', () => {
    expect(Buffer.byteLength(rendered)).toBeLessThan(24 * 1024);
  });

  test('same input gives same bytes', () => {
    expect(renderCloudConfig(markerSettings())).toBe(rendered);
  });

  test('boot options reach the environment file', () => {
    const custom = renderCloudConfig(markerSettings(), {
      imdsEndpoint: 'http://127.0.0.1:4000',
      rootPrefix: '/tmp/root',
      port: 9000,
      retryBaseMs: 10,
      environment: { LOG_LEVEL: 'debug', EXTRA: 'on' },
    });
    expect(custom).toContain('      IMDS_ENDPOINT=http://127.0.0.1:4000\n');
    expect(custom).toContain('      ROOT_PREFIX=/tmp/root\n');
    expect(custom).toContain('      PORT=9000\n');
    expect(custom).toContain('      RETRY_BASE_MS=10\n');
    expect(custom).toContain('      LOG_LEVEL=debug\n');
    expect(custom).toContain('      EXTRA=on\n');
    expect(custom).not.toContain('LOG_LEVEL=info');
  });

  test('rejects a value with a space', () => {
    const settings = { ...markerSettings(), postgresHost: 'bad host' };
    expect(() => renderCloudConfig(settings)).toThrow(/PGHOST: "bad host" contains " "/);
  });

  test('rejects a value with a dollar sign', () => {
    expect(() => renderCloudConfig(markerSettings(), { environment: { TOKEN: '$HOME' } })).toThrow(/TOKEN/);
  });

  test('rejects an empty setting', () => {
    const settings = { ...markerSettings(), releaseSha256: '' };
    expect(() => renderCloudConfig(settings)).toThrow(/Missing cloud-init setting releaseSha256/);
  });

  test('rejects overriding a release setting', () => {
    expect(() => renderCloudConfig(markerSettings(), { environment: { ROOT_PREFIX: '/x' } })).toThrow(/ROOT_PREFIX is a release setting/);
  });
});

describeWhen(findCommand('cloud-init'), 'cloud-init', 'apt-get install cloud-init')('cloud-init schema', () => {
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'cloud-config-'));
  });

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  test('accepts the rendered cloud-config', () => {
    const file = join(directory, 'cloud-config.yaml');
    writeFileSync(file, renderCloudConfig(markerSettings()));

    const output = execFileSync('cloud-init', ['schema', '--config-file', file], { encoding: 'utf8' });

    expect(output).toContain('Valid cloud-config');
  });
});
