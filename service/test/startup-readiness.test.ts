/**
 * Until migrations succeed, readiness is 503 (`starting`) while liveness is
 * 200; the service keeps retrying and becomes ready once the database is up,
 * without a restart.
 */
import { Client } from 'pg';
import { describeWithPostgres } from '../../test/support/requirements';
import { spawnService, type ChildService } from './support/child-service';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';

describeWithPostgres()('start-up readiness', () => {
  let cluster: PrivatePostgres;
  let service: ChildService | undefined;

  beforeAll(async () => {
    cluster = await startPrivatePostgres();
    const admin = new Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('create database visits');
    await admin.end();
    cluster.stop();
  }, 120_000);

  afterAll(async () => {
    service?.kill('SIGKILL');
    await service?.exited;
    cluster?.destroy();
  });

  test('503 while the database is down, ready once it is up', async () => {
    service = spawnService({ DATABASE_URL: cluster.urlFor('visits') });
    const url = await service.url();
    await service.waitForLog((line) => line.msg === 'migration failed; retrying');

    const starting = await fetch(`${url}/health`);
    expect(starting.status).toBe(503);
    expect((await starting.json()).status).toBe('starting');
    expect((await fetch(`${url}/health/live`)).status).toBe(200);

    cluster.start();
    await service.waitForLog((line) => line.msg === 'ready', 90_000);
    const ready = await fetch(`${url}/health`);
    expect(ready.status).toBe(200);
    expect((await fetch(`${url}/api/visit`, { method: 'POST' })).status).toBe(201);

    service.kill('SIGTERM');
    expect(await service.exited).toBe(0);
  }, 180_000);
});
