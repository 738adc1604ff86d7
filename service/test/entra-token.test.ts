/**
 * DATABASE_AUTH=entra with a stand-in credential against a local server that
 * checks passwords: every new connection requests a token and logs in with it.
 * The role's password is changed to each new token, so a stale token would fail.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import type { Knex } from 'knex';
import { Client } from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { POSTGRES_TOKEN_SCOPE, connectDatabase } from '../src/db/connect';
import { describeWithPostgres } from '../../test/support/requirements';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';
import { createTestCertificates, type TestCertificates } from './support/tls';

const SUPERUSER_PASSWORD = 'superuser-only-for-this-test';
const ROLE = 'app_identity';

/** Stand-in for ManagedIdentityCredential: returns whatever token the test sets, and records each request. */
class StandInCredential implements TokenCredential {
  token = 'token-1';
  readonly requests: string[][] = [];

  async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
    this.requests.push(Array.isArray(scopes) ? scopes : [scopes]);
    return { token: this.token, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

describeWithPostgres()('Entra token path with a stand-in credential', () => {
  let cluster: PrivatePostgres;
  let admin: Client;
  let db: Knex | undefined;
  let certificates: TestCertificates;
  const credential = new StandInCredential();

  async function connectWithTls(env: Record<string, string>): Promise<Knex> {
    const config = loadConfig({
      DATABASE_AUTH: 'entra',
      PGHOST: 'localhost',
      PGPORT: String(cluster.port),
      PGDATABASE: 'visits',
      PGUSER: ROLE,
      ...env,
    });
    return connectDatabase(config.database, { logger: pino({ level: 'silent' }), credential });
  }

  async function setRolePassword(password: string): Promise<void> {
    await admin.query(`alter role ${ROLE} password '${password}'`);
  }

  /** Ends the pool's sessions and waits until they are gone, so the pool has seen them close before the next query. */
  async function terminateRoleSessions(): Promise<void> {
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where usename = $1', [ROLE]);
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const { rows } = await admin.query('select count(*)::int as count from pg_stat_activity where usename = $1', [ROLE]);
      if (rows[0].count === 0) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // One more round trip lets the event loop deliver the closed sockets' events to the pool.
    await admin.query('select 1');
  }

  beforeAll(async () => {
    certificates = createTestCertificates();
    cluster = await startPrivatePostgres({
      superuserPassword: SUPERUSER_PASSWORD,
      tls: { cert: certificates.serverCert, key: certificates.serverKey },
    });
    admin = new Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query(`create role ${ROLE} login password 'token-1'`);
    await admin.query(`create database visits owner ${ROLE}`);

    const config = loadConfig({
      DATABASE_AUTH: 'entra',
      PGHOST: '127.0.0.1',
      PGPORT: String(cluster.port),
      PGDATABASE: 'visits',
      PGUSER: ROLE,
      // TLS has its own tests below; these check the token alone.
      PGSSLMODE: 'disable',
    });
    db = await connectDatabase(config.database, { logger: pino({ level: 'silent' }), credential });
  }, 120_000);

  afterAll(async () => {
    await db?.destroy();
    await admin?.end();
    cluster?.destroy();
    certificates?.cleanup();
  });

  test('first connection logs in with a token', async () => {
    const rows = await db!.raw('select current_user as user');
    expect(rows.rows[0].user).toBe(ROLE);
    expect(credential.requests).toEqual([[POSTGRES_TOKEN_SCOPE]]);
  });

  test('pooled connection needs no new token', async () => {
    await db!.raw('select 1');
    expect(credential.requests).toHaveLength(1);
  });

  test('new connection gets a fresh token', async () => {
    await setRolePassword('token-2');
    credential.token = 'token-2';
    await terminateRoleSessions();

    const rows = await db!.raw('select current_user as user');
    expect(rows.rows[0].user).toBe(ROLE);
    expect(credential.requests).toHaveLength(2);
  });

  test('stale token is rejected by the server', async () => {
    await setRolePassword('token-3');
    await terminateRoleSessions();

    await expect(db!.raw('select 1')).rejects.toMatchObject({ code: '28P01' });
    expect(credential.requests.length).toBeGreaterThanOrEqual(3);
  });

  test('TLS connection verifies the server certificate', async () => {
    credential.token = 'token-3';
    const verified = await connectWithTls({ PGSSLROOTCERT: certificates.caCertFile });
    try {
      const rows = await verified.raw('select ssl from pg_stat_ssl where pid = pg_backend_pid()');
      expect(rows.rows[0].ssl).toBe(true);
    } finally {
      await verified.destroy();
    }
  });

  test('TLS rejects a certificate from an unknown authority', async () => {
    const unverified = await connectWithTls({});
    try {
      await expect(unverified.raw('select 1')).rejects.toThrow(/self[- ]signed|unable to verify|certificate/i);
    } finally {
      await unverified.destroy();
    }
  });
});
