/**
 * Starts the app on 127.0.0.1 with a real database (a temporary SQLite file
 * or a PostgreSQL database) and a real worker pool, for tests in this process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import pino from 'pino';
import { createApp, type App } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { CpuPool } from '../../src/cpu-pool';
import { connectDatabase } from '../../src/db/connect';
import { migrateToLatest } from '../../src/db/migrate';

export interface TestApp {
  url: string;
  app: App;
  db: Knex;
  config: Readonly<Config>;
  close(): Promise<void>;
}

/** Loads a configuration from the given variables only, never from this process's environment. */
export function testConfig(env: Record<string, string | undefined>): Readonly<Config> {
  return loadConfig({ PORT: '0', WORKER_THREADS: '2', LOG_LEVEL: 'silent', DRAIN_DELAY_MS: '0', ...env });
}

export async function startTestApp(env: Record<string, string | undefined> = {}): Promise<TestApp> {
  const dataDir = env.DATABASE_URL ? undefined : mkdtempSync(join(tmpdir(), 'visits-test-'));
  const config = testConfig({ DATA_DIR: dataDir, INSTANCE_ID: 'test-instance', ...env });
  // TEST_LOG_LEVEL=debug shows the service's log lines while a test runs.
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const db = await connectDatabase(config.database, { logger });
  await migrateToLatest(db, logger);
  const pool = new CpuPool({ threads: config.poolThreads, maxQueue: config.poolMaxQueue });
  const app = createApp({ config, logger, db, pool });
  const server: Server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    app,
    db,
    config,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      app.context.services.sampler.stop();
      await pool.destroy();
      await db.destroy();
      if (dataDir) {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** Sends a JSON request and returns the status, headers and parsed body. */
export async function requestJson(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(`${init.method ?? 'GET'} ${url} returned ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
  return { status: response.status, headers: response.headers, body };
}

export function postJson(url: string, body: unknown): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  return requestJson(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}
