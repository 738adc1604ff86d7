/** Configuration: defaults, validation naming the variable, and the exit message of main. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src/config';

const REPO = join(__dirname, '..', '..');

describe('configuration', () => {
  test('defaults to SQLite on 127.0.0.1:8080', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.host).toBe('127.0.0.1');
    expect(config.database.kind).toBe('sqlite');
    expect(config.database).toHaveProperty('filename', join(process.cwd(), 'data', 'visits.sqlite3'));
    expect(config.scheduledEventsUrl).toBeUndefined();
    expect(config.stressEnabled).toBe(true);
    expect(config.keepAliveTimeoutMs).toBeGreaterThan(240_000);
  });

  test('is frozen', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.database)).toBe(true);
    expect(Object.isFrozen(config.trustedProxies)).toBe(true);
  });

  test('reads a PostgreSQL URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://app:secret@db.example:5432/visits' });
    expect(config.database).toMatchObject({ kind: 'postgres', auth: 'password' });
  });

  test('reads Entra settings', () => {
    const config = loadConfig({ DATABASE_AUTH: 'entra', PGHOST: 'db.example', PGDATABASE: 'visits', PGUSER: 'vmss-id', AZURE_CLIENT_ID: 'abc' });
    expect(config.database).toEqual({
      kind: 'postgres',
      auth: 'entra',
      host: 'db.example',
      port: 5432,
      database: 'visits',
      user: 'vmss-id',
      clientId: 'abc',
      sslMode: 'verify-full',
      sslRootCert: undefined,
      poolMax: 10,
    });
  });

  test.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['HOST', { HOST: 'my host' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://db/visits' }],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }],
    ['DATABASE_AUTH', { DATABASE_AUTH: 'kerberos' }],
    ['PGHOST', { DATABASE_AUTH: 'entra', PGDATABASE: 'visits', PGUSER: 'me' }],
    ['PGUSER', { DATABASE_AUTH: 'entra', PGHOST: 'db', PGDATABASE: 'visits' }],
    ['PGSSLMODE', { DATABASE_AUTH: 'entra', PGHOST: 'db', PGDATABASE: 'visits', PGUSER: 'me', PGSSLMODE: 'allow' }],
    ['DATABASE_URL', { DATABASE_AUTH: 'entra', DATABASE_URL: 'postgres://db/visits', PGHOST: 'db', PGDATABASE: 'v', PGUSER: 'me' }],
    ['TRUSTED_PROXIES', { TRUSTED_PROXIES: '10.0.0.0/40' }],
    ['TRUSTED_PROXIES', { TRUSTED_PROXIES: 'proxy.example' }],
    ['SCHEDULED_EVENTS_URL', { SCHEDULED_EVENTS_URL: 'ftp://metadata' }],
    ['STRESS_ENABLED', { STRESS_ENABLED: 'maybe' }],
    ['DRAIN_DELAY_MS', { DRAIN_DELAY_MS: '-5' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }],
    ['WORKER_THREADS', { WORKER_THREADS: '0' }],
    ['VISIT_WORK_ROUNDS', { VISIT_WORK_ROUNDS: '1e4' }],
  ])('invalid %s is named', (variable, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as ConfigError).message).toContain(variable);
    }
  });

  test('a DATABASE_URL error never repeats the password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://app:s3cret@db:notaport/x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://app:s3cret@db:notaport/x' })).not.toThrow(/s3cret/);
  });

  test('main exits 1 naming the invalid variable', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', 'service/src/main.ts'],
        { cwd: REPO, env: { ...process.env, PORT: 'eighty' }, timeout: 60_000 },
        (_error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).toContain("'eighty'");
  });
});
