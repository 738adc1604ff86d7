import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { bootPaths } from '../../dsl/cloud-init';
import { systemctlCalls } from './boot-harness';
import { BootFixture, bootWithStandIns } from './boot-fixture';

describe('bootstrap with a wrong SHA-256', () => {
  const wrongSha256 = 'f'.repeat(64);
  let boot: BootFixture;

  beforeAll(async () => {
    boot = await bootWithStandIns({ releaseSha256: wrongSha256 });
  });

  afterAll(async () => {
    await boot?.close();
  });

  test('fails with a clear log line', () => {
    expect(boot.run.exitCode).toBe(1);
    expect(boot.run.output).toContain(
      `error: SHA-256 mismatch for ${boot.blob.url}/releases/${boot.release.name}.tar.xz: ` +
        `expected ${wrongSha256}, got ${boot.release.sha256}; the service is not started`,
    );
  });

  test('never calls systemctl', () => {
    expect(systemctlCalls(boot.root)).toEqual([]);
  });

  test('leaves no current release', () => {
    const releaseRoot = join(boot.root, bootPaths.releaseRoot);
    expect(existsSync(join(releaseRoot, 'current'))).toBe(false);
    expect(existsSync(join(releaseRoot, 'releases', boot.release.name))).toBe(false);
  });

  test('service port stays closed', async () => {
    await expect(fetch(`http://127.0.0.1:${boot.port}/health`)).rejects.toThrow();
  });
});
