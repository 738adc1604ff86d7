/**
 * Creates the Knex instance for the configured database: better-sqlite3 on a
 * local file (the default), or pg with a connection string or with Microsoft
 * Entra tokens from a managed identity.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TokenCredential } from '@azure/identity';
import knex, { type Knex } from 'knex';
import type { Logger } from 'pino';
import type { DatabaseConfig } from '../config';

/**
 * Scope of the access token that Azure Database for PostgreSQL accepts as a password.
 * Source: https://learn.microsoft.com/azure/service-connector/how-to-integrate-postgres
 */
export const POSTGRES_TOKEN_SCOPE = 'https://ossrdbms-aad.database.windows.net/.default';

export interface ConnectOptions {
  logger: Logger;
  /** Credential for DATABASE_AUTH=entra. Defaults to the managed identity named by AZURE_CLIENT_ID. */
  credential?: TokenCredential;
}

// A request waits at most this long for a pooled connection before the service returns 503.
const ACQUIRE_TIMEOUT_MS = 5_000;
// Opening a TCP + TLS connection to PostgreSQL in the same region takes well under this.
const CONNECT_TIMEOUT_MS = 5_000;

function knexLog(logger: Logger): Knex.Config['log'] {
  return {
    warn: (message: unknown) => logger.warn({ source: 'knex' }, String(message)),
    error: (message: unknown) => logger.error({ source: 'knex' }, String(message)),
    deprecate: (method: string, alternative: string) =>
      logger.warn({ source: 'knex' }, `${method} is deprecated. Use ${alternative} instead.`),
    debug: (message: unknown) => logger.debug({ source: 'knex' }, String(message)),
  };
}

function sqliteConfig(filename: string): Knex.Config {
  mkdirSync(dirname(filename), { recursive: true });
  return {
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      // better-sqlite3 is synchronous, so one connection serves every request in turn.
      min: 1,
      max: 1,
      afterCreate(connection: { pragma(statement: string): unknown }, done: (error: Error | null, connection: unknown) => void) {
        // WAL lets readers and one writer work at once, also across processes sharing DATA_DIR.
        connection.pragma('journal_mode = WAL');
        // In WAL mode, NORMAL syncs the WAL only at checkpoints, not at every commit. The database
        // cannot become corrupt, and a committed row survives a crash of the process. Only a power
        // loss or an operating-system crash can roll back the last commits.
        // https://www.sqlite.org/pragma.html#pragma_synchronous
        connection.pragma('synchronous = NORMAL');
        // Other processes on the same file may hold the write lock briefly, so wait rather than fail.
        connection.pragma('busy_timeout = 5000');
        done(null, connection);
      },
    },
  };
}

async function entraCredential(clientId: string | undefined): Promise<TokenCredential> {
  // Loaded on demand: @azure/identity is large and only Azure instances use it.
  const { ManagedIdentityCredential } = await import('@azure/identity');
  return clientId ? new ManagedIdentityCredential({ clientId }) : new ManagedIdentityCredential();
}

/** Creates the Knex instance. Nothing connects until the first query. */
export async function connectDatabase(config: DatabaseConfig, options: ConnectOptions): Promise<Knex> {
  const log = knexLog(options.logger);

  if (config.kind === 'sqlite') {
    return knex({ ...sqliteConfig(config.filename), log });
  }

  const pool = {
    min: 0,
    max: config.poolMax,
    // Idle connections close after 30 s, so a restarted server leaves few stale ones behind.
    idleTimeoutMillis: 30_000,
  };

  if (config.auth === 'password') {
    return knex({
      client: 'pg',
      connection: { connectionString: config.url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true },
      pool,
      acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS,
      log,
    });
  }

  const credential = options.credential ?? (await entraCredential(config.clientId));
  const ssl =
    config.sslMode === 'disable'
      ? false
      : {
          rejectUnauthorized: true,
          ...(config.sslRootCert ? { ca: readFileSync(config.sslRootCert, 'utf8') } : {}),
        };

  return knex({
    client: 'pg',
    connection: {
      host: config.host,
      port: config.port,
      database: config.database,
      user: config.user,
      // pg calls this for every new connection, so each one gets a token that is valid now.
      password: async () => {
        const token = await credential.getToken(POSTGRES_TOKEN_SCOPE);
        if (!token) {
          throw new Error(`Microsoft Entra returned no access token for ${POSTGRES_TOKEN_SCOPE}`);
        }
        return token.token;
      },
      ssl,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
    },
    pool,
    acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS,
    log,
  });
}
