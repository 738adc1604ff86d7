/** Runs two service instances on one PostgreSQL database, as `--database-url` does. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { describeWithPostgres, findTestDatabaseUrl } from '../../../test/support/requirements';
import { InstanceManager } from '../instance-manager';

async function waitUntilReady(port: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      throw new Error(`the instance on port ${port} was not ready within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describeWithPostgres()('InstanceManager with PostgreSQL', () => {
  const database = `rehearse_instances_${process.pid}`;
  let folder: string;
  let databaseUrl: string;
  let manager: InstanceManager;

  beforeAll(async () => {
    const admin = new Client({ connectionString: findTestDatabaseUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const url = new URL(findTestDatabaseUrl() as string);
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
  });

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'rehearse-postgres-'));
    manager = new InstanceManager({ dataDir: folder, databaseUrl, logDir: folder, drainDelayMs: 0, env: { WORKER_THREADS: '1', LOG_LEVEL: 'warn' } });
  });

  afterEach(async () => {
    await manager.stopAll();
    rmSync(folder, { recursive: true, force: true });
  });

  afterAll(async () => {
    const admin = new Client({ connectionString: findTestDatabaseUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  it('shares visits between instances', async () => {
    const first = manager.start();
    const second = manager.start();
    await Promise.all([first.spawned, second.spawned]);
    await Promise.all([waitUntilReady(first.port), waitUntilReady(second.port)]);

    const visit = await fetch(`http://127.0.0.1:${first.port}/api/visit`, { method: 'POST' });
    const list = await fetch(`http://127.0.0.1:${second.port}/api/visits`);

    expect(visit.status).toBe(201);
    expect(list.status).toBe(200);
    expect(JSON.stringify(await list.json())).toContain('instance-0');
  });
});
