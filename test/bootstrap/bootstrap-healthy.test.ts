import { readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

import { bootPaths } from '../../dsl/cloud-init';
import { serviceLog, systemctlCalls } from './boot-harness';
import { accessToken, BootFixture, bootWithStandIns, clientId, vmName } from './boot-fixture';
import { storageResource } from './stand-ins/imds-stand-in';

describe('bootstrap with IMDS and blob stand-ins', () => {
  let boot: BootFixture;

  beforeAll(async () => {
    boot = await bootWithStandIns();
    console.log(`bootstrap start to healthy (stand-in release): ${boot.run.seconds.toFixed(2)} s`);
  });

  afterAll(async () => {
    await boot?.close();
  });

  test('exits 0 once healthy', () => {
    expect({ exitCode: boot.run.exitCode, output: boot.run.output }).toEqual({
      exitCode: 0,
      output: expect.stringContaining('service healthy at'),
    });
  });

  test('service health returns 200', async () => {
    const response = await fetch(`http://127.0.0.1:${boot.port}/health`);
    expect(response.status).toBe(200);
  });

  test('service gets the environment file', async () => {
    const environment = (await (await fetch(`http://127.0.0.1:${boot.port}/env`)).json()) as Record<string, string>;
    expect(environment.INSTANCE_ID).toBe(vmName);
    expect(environment.DATABASE_AUTH).toBe('entra');
    expect(environment.AZURE_CLIENT_ID).toBe(clientId);
    expect(environment.cwd).toBe(join(boot.root, bootPaths.stateDirectory));
  });

  test('token request has the IMDS shape', () => {
    const tokenRequests = boot.imds.requests.filter((request) => request.url.pathname === '/metadata/identity/oauth2/token');
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0].headers.metadata).toBe('true');
    expect(tokenRequests[0].url.searchParams.get('api-version')).toBe('2018-02-01');
    expect(tokenRequests[0].url.searchParams.get('resource')).toBe(storageResource);
    expect(tokenRequests[0].url.searchParams.get('client_id')).toBe(clientId);
  });

  test('blob request carries token and version', () => {
    expect(boot.blob.requests).toHaveLength(1);
    expect(boot.blob.requests[0].headers.authorization).toBe(`Bearer ${accessToken}`);
    expect(boot.blob.requests[0].headers['x-ms-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test('current points at the versioned release', () => {
    const releaseRoot = join(boot.root, bootPaths.releaseRoot);
    expect(readlinkSync(join(releaseRoot, 'current'))).toBe(`releases/${boot.release.name}`);
    expect(readFileSync(join(releaseRoot, 'current', 'service', 'main.js'), 'utf8')).toContain('stand-in service');
  });

  test('unit is reloaded, enabled and restarted', () => {
    expect(systemctlCalls(boot.root)).toEqual(['daemon-reload', 'enable vmss-autoscaling.service', 'restart vmss-autoscaling.service']);
  });

  test('instance id is written to the environment file', () => {
    expect(readFileSync(join(boot.root, bootPaths.environmentFile), 'utf8')).toMatch(new RegExp(`^INSTANCE_ID=${vmName}$`, 'm'));
  });

  test('token never appears in the logs', () => {
    expect(boot.run.output).not.toContain(accessToken);
    expect(serviceLog(boot.root)).not.toContain(accessToken);
  });
});
