import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { buildRelease } from '../../scripts/package/build-release';
import { describeWithPostgres, findTestDatabaseUrl } from '../support/requirements';
import { BootFixture, bootWithStandIns, vmName } from './boot-fixture';
import { createTestDatabase, TestDatabase } from './postgres-database';

// Entra tokens for PostgreSQL need Azure, so this run swaps DATABASE_AUTH=entra for a
// password URL on the local test server; everything else is the real release and boot.
describeWithPostgres()('bootstrap of the real release', () => {
  let directory: string;
  let database: TestDatabase;
  let boot: BootFixture;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'bootstrap-release-'));
    database = await createTestDatabase(findTestDatabaseUrl() as string, 'bootstrap_release');
    // Preset 0 keeps the build quick; the archive's layout is the same at every xz preset.
    const release = await buildRelease({ outDir: directory, compressionLevel: 0 });

    boot = await bootWithStandIns({
      release: { name: release.version, file: release.path, sha256: release.sha256 },
      boot: { environment: { DATABASE_AUTH: 'password', DATABASE_URL: database.url, DRAIN_DELAY_MS: '0' } },
    });
    console.log(`bootstrap start to healthy (real release, ${release.size} bytes): ${boot.run.seconds.toFixed(2)} s`);
  }, 600_000);

  afterAll(async () => {
    await boot?.close();
    await database?.drop();
    rmSync(directory, { recursive: true, force: true });
  });

  test('exits 0 once healthy', () => {
    expect({ exitCode: boot.run.exitCode, output: boot.run.output }).toEqual({
      exitCode: 0,
      output: expect.stringContaining('service healthy at'),
    });
  });

  test('service reports ready with the VM name', async () => {
    const response = await fetch(`http://127.0.0.1:${boot.port}/health`);
    const body = (await response.json()) as { status: string; instance_id: string };
    expect(response.status).toBe(200);
    expect(body.status).toBe('ready');
    expect(body.instance_id).toBe(vmName);
  });

  test('service lists visits', async () => {
    const response = await fetch(`http://127.0.0.1:${boot.port}/api/visits`);
    expect(response.status).toBe(200);
  });
});
