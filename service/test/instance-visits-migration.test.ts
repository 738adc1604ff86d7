/** The instance_visits migration fills the summary from the visits recorded before it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { connectDatabase } from '../src/db/connect';
import { migrationSource } from '../src/db/migration-source';

describe('instance_visits migration', () => {
  let dataDir: string;
  let db: Knex;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'visits-migration-'));
    db = await connectDatabase(loadConfig({ DATA_DIR: dataDir }).database, { logger: pino({ level: 'silent' }) });
  });

  afterAll(async () => {
    await db?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('backfills counts per instance', async () => {
    await db.migrate.up({ migrationSource, name: '20261204000000_create_visits' });
    const visit = (instanceId: string, at: string) => ({ instance_id: instanceId, client_ip: '127.0.0.1', created_at: new Date(at) });
    await db('visits').insert([
      visit('instance-a', '2026-01-01T10:00:00.000Z'),
      visit('instance-a', '2026-01-01T11:00:00.000Z'),
      visit('instance-b', '2026-01-01T09:30:00.000Z'),
    ]);

    await db.migrate.latest({ migrationSource });

    const rows = await db('instance_visits').select('instance_id', 'visits', 'last_seen').orderBy('instance_id');
    expect(rows.map((row) => [row.instance_id, Number(row.visits), new Date(Number(row.last_seen)).toISOString()])).toEqual([
      ['instance-a', 2, '2026-01-01T11:00:00.000Z'],
      ['instance-b', 1, '2026-01-01T09:30:00.000Z'],
    ]);
  });
});
