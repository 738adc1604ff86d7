/**
 * Runs the migrations to the latest version. On PostgreSQL the run takes a
 * session-level advisory lock, so instances that start together migrate one
 * after the other. A process killed mid-run releases that lock with its
 * connection, unlike Knex's own lock row, which would stay set and block every later start.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { migrationSource } from './migration-source';

/** Advisory lock key: the bytes of 'vmss' read as an integer, unlikely to collide with other users of the database. */
export const MIGRATION_LOCK_KEY = 0x766d7373;

// SQLite has no advisory lock: a second process sharing DATA_DIR retries while Knex's lock row is set.
const SQLITE_LOCK_RETRY_MS = 250;
const SQLITE_LOCK_WAIT_MS = 30_000;

export interface MigrationResult {
  /** Names of the migrations this process applied, or empty when the schema was already current. */
  applied: string[];
}

async function runLatest(db: Knex): Promise<MigrationResult> {
  const [, applied] = (await db.migrate.latest({ migrationSource })) as [number, string[]];
  return { applied };
}

async function migratePostgres(db: Knex, logger: Logger): Promise<MigrationResult> {
  // The lock belongs to one session, so the run keeps this connection until it unlocks.
  const connection: unknown = await db.client.acquireConnection();
  try {
    await db.raw('select pg_advisory_lock(?)', [MIGRATION_LOCK_KEY]).connection(connection);
    try {
      // Holding the advisory lock proves no other process is migrating, so a lock row left by a killed run is stale.
      await db.migrate.forceFreeMigrationsLock({ migrationSource });
      return await runLatest(db);
    } finally {
      await db
        .raw('select pg_advisory_unlock(?)', [MIGRATION_LOCK_KEY])
        .connection(connection)
        .catch((error: Error) => {
          // The server drops the lock with the session, so a failed unlock only needs a log line.
          logger.warn({ err: error }, 'failed to release the migration advisory lock; it ends with the connection');
        });
    }
  } finally {
    await db.client.releaseConnection(connection);
  }
}

function isLockError(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'MigrationLocked';
}

async function migrateSqlite(db: Knex, logger: Logger): Promise<MigrationResult> {
  const deadline = Date.now() + SQLITE_LOCK_WAIT_MS;
  for (;;) {
    try {
      return await runLatest(db);
    } catch (error) {
      if (!isLockError(error) || Date.now() > deadline) {
        throw error;
      }
      logger.info('another process is migrating the SQLite database; waiting');
      await new Promise((resolve) => setTimeout(resolve, SQLITE_LOCK_RETRY_MS));
    }
  }
}

/** Brings the schema to the latest migration. It is safe to call from several processes at once. */
export async function migrateToLatest(db: Knex, logger: Logger): Promise<MigrationResult> {
  const result = db.client.config.client === 'pg' ? await migratePostgres(db, logger) : await migrateSqlite(db, logger);
  logger.info({ applied: result.applied }, result.applied.length > 0 ? 'migrations applied' : 'schema is current');
  return result;
}
