/**
 * A database restart while the pool has idle connections: requests get 503
 * while it is down, and the first request after it returns succeeds, with no
 * restart of the service.
 */
import { Client } from 'pg';
import { describeWithPostgres } from '../../test/support/requirements';
import { postJson, requestJson, startTestApp, type TestApp } from './support/app';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';

describeWithPostgres()('database restart', () => {
  let cluster: PrivatePostgres;
  let service: TestApp;

  beforeAll(async () => {
    cluster = await startPrivatePostgres();
    const admin = new Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('create database visits');
    await admin.end();
    service = await startTestApp({ DATABASE_URL: cluster.urlFor('visits') });
  }, 120_000);

  afterAll(async () => {
    await service?.close();
    cluster?.destroy();
  });

  test('service recovers after the database restarts', async () => {
    // Several requests at once leave several idle connections in the pool.
    const before = await Promise.all([1, 2, 3].map(() => postJson(`${service.url}/api/visit`, { name: 'before' })));
    expect(before.map((response) => response.status)).toEqual([201, 201, 201]);

    cluster.stop();

    const whileDown = await postJson(`${service.url}/api/visit`, { name: 'while down' });
    expect(whileDown.status).toBe(503);
    expect(whileDown.body.error).toMatch(/database unavailable/i);
    expect(whileDown.headers.get('retry-after')).toBe('5');
    const listWhileDown = await requestJson(`${service.url}/api/visits`);
    expect(listWhileDown.status).toBe(503);

    await service.app.context.services.monitor.check();
    const healthDown = await requestJson(`${service.url}/health`);
    expect(healthDown.status).toBe(200);
    expect((healthDown.body.database as Record<string, unknown>).status).toBe('down');

    cluster.start();

    const after = await postJson(`${service.url}/api/visit`, { name: 'after' });
    expect(after.status).toBe(201);
    expect(after.body.total_visits).toBe(4);

    await service.app.context.services.monitor.check();
    const healthUp = await requestJson(`${service.url}/health`);
    expect((healthUp.body.database as Record<string, unknown>).status).toBe('up');
  }, 120_000);
});
