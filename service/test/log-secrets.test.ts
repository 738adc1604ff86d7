/** The log never contains the database password, even when the database is unreachable and errors are logged. */
import { describeWithPostgres, findTestDatabaseUrl } from '../../test/support/requirements';
import { spawnService, type ChildService } from './support/child-service';
import { createTestDatabase, type TestDatabase } from './support/postgres';

const PASSWORD = 'pw-that-must-not-appear-7f3a';

describeWithPostgres()('log secrets', () => {
  let database: TestDatabase;
  const children: ChildService[] = [];

  afterAll(async () => {
    children.forEach((child) => child.kill('SIGKILL'));
    await Promise.all(children.map((child) => child.exited));
    await database?.drop();
  });

  test('password absent from a normal run', async () => {
    database = await createTestDatabase(findTestDatabaseUrl() as string, 'secrets');
    const url = new URL(database.url);
    // The test server trusts loopback logins, so any password connects; it only has to reach the logs if leaked.
    url.password = PASSWORD;
    const service = spawnService({ DATABASE_URL: url.toString(), LOG_LEVEL: 'trace' });
    children.push(service);
    const address = await service.url();
    await service.waitForLog((line) => line.msg === 'ready');

    await fetch(`${address}/api/visit`, { method: 'POST', headers: { authorization: `Bearer ${PASSWORD}`, cookie: `session=${PASSWORD}` } });
    await fetch(`${address}/api/visits`);
    service.kill('SIGTERM');
    expect(await service.exited).toBe(0);

    expect(JSON.stringify(service.lines)).not.toContain(PASSWORD);
    expect(service.stderr()).not.toContain(PASSWORD);
  }, 120_000);

  test('password absent when the database is unreachable', async () => {
    const service = spawnService({ DATABASE_URL: `postgres://app:${PASSWORD}@127.0.0.1:1/visits`, LOG_LEVEL: 'trace' });
    children.push(service);
    const address = await service.url();
    await service.waitForLog((line) => line.msg === 'migration failed; retrying');
    await fetch(`${address}/api/visits`);
    await service.waitForLog((line) => line.msg === 'request failed');
    service.kill('SIGTERM');
    expect(await service.exited).toBe(0);

    expect(JSON.stringify(service.lines)).not.toContain(PASSWORD);
    expect(service.stderr()).not.toContain(PASSWORD);
  }, 120_000);
});
