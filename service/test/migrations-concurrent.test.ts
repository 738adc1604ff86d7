/**
 * Five service processes started together against an empty PostgreSQL
 * database: all become ready and the schema is created exactly once. A process
 * killed while holding the migration locks does not block the next start.
 */
import { spawn } from 'node:child_process';
import { Client } from 'pg';
import { MIGRATION_LOCK_KEY } from '../src/db/migrate';
import { describeWithPostgres, findTestDatabaseUrl } from '../../test/support/requirements';
import { spawnService, type ChildService } from './support/child-service';
import { createTestDatabase, type TestDatabase } from './support/postgres';

const INSTANCES = 5;

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describeWithPostgres()('concurrent migrations', () => {
  const children: ChildService[] = [];
  const databases: TestDatabase[] = [];

  afterEach(async () => {
    children.forEach((child) => child.kill('SIGKILL'));
    await Promise.all(children.map((child) => child.exited));
    children.length = 0;
  });

  afterAll(async () => {
    await Promise.all(databases.map((database) => database.drop()));
  });

  test('five processes create the schema once', async () => {
    const database = await createTestDatabase(findTestDatabaseUrl() as string, 'concurrent');
    databases.push(database);

    for (let index = 0; index < INSTANCES; index += 1) {
      children.push(spawnService({ DATABASE_URL: database.url, INSTANCE_ID: `instance-${index}` }));
    }
    await Promise.all(children.map((child) => child.waitForLog((line) => line.msg === 'ready', 150_000)));

    const applied = children.map((child) => child.lines.find((line) => line.msg === 'migrations applied'));
    expect(applied.filter((line) => line !== undefined)).toHaveLength(1);
    const current = children.map((child) => child.lines.find((line) => line.msg === 'schema is current'));
    expect(current.filter((line) => line !== undefined)).toHaveLength(INSTANCES - 1);
    // They waited on the advisory lock instead of failing on Knex's lock row and retrying.
    const failures = children.flatMap((child) => child.lines.filter((line) => line.msg === 'migration failed; retrying'));
    expect(failures).toEqual([]);

    const migrations = await query<{ name: string }>(database.url, 'select name from knex_migrations');
    expect(migrations.map((row) => row.name)).toEqual(['20261204000000_create_visits', '20261204000100_create_instance_visits']);
    const tables = await query<{ count: string }>(database.url, "select count(*) from pg_tables where tablename = 'visits'");
    expect(tables[0].count).toBe('1');

    children.forEach((child) => child.kill('SIGTERM'));
    expect(await Promise.all(children.map((child) => child.exited))).toEqual(Array(INSTANCES).fill(0));
  }, 200_000);

  test('a killed migrator leaves no lock behind', async () => {
    const database = await createTestDatabase(findTestDatabaseUrl() as string, 'killed');
    databases.push(database);

    // Stands in for a migrator killed mid-run: it holds the advisory lock and sets Knex's lock row, then dies.
    const holderScript = `
      const { Client } = require('pg');
      (async () => {
        const client = new Client({ connectionString: process.env.DATABASE_URL });
        await client.connect();
        await client.query('select pg_advisory_lock($1)', [${MIGRATION_LOCK_KEY}]);
        await client.query('create table knex_migrations_lock (index serial primary key, is_locked integer)');
        await client.query('insert into knex_migrations_lock (is_locked) values (1)');
        console.log('locked');
        setInterval(() => {}, 1000);
      })();
    `;
    const holder = spawn(process.execPath, ['-e', holderScript], {
      cwd: __dirname,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: database.url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => holder.stdout?.on('data', () => resolve()));
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.on('exit', resolve));

    const service = spawnService({ DATABASE_URL: database.url });
    children.push(service);
    await service.waitForLog((line) => line.msg === 'ready', 150_000);
    expect(service.lines.find((line) => line.msg === 'migrations applied')).toBeDefined();

    const lock = await query<{ is_locked: number }>(database.url, 'select is_locked from knex_migrations_lock');
    expect(lock.map((row) => row.is_locked)).toEqual([0]);
  }, 200_000);
});
