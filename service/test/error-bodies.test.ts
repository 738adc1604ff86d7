/** Every error response has the body {error, details}, including those no handler produced. */
import { requestJson, startTestApp, type TestApp } from './support/app';

interface ErrorReply {
  status: number;
  body: Record<string, unknown>;
}

function expectErrorBody(reply: ErrorReply, status: number): Array<{ field: string; message: string }> {
  expect(reply.status).toBe(status);
  expect(typeof reply.body.error).toBe('string');
  expect(Array.isArray(reply.body.details)).toBe(true);
  return reply.body.details as Array<{ field: string; message: string }>;
}

describe('error bodies', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp({ WORKER_THREADS: '1' });
  });

  afterAll(async () => {
    await service?.close();
  });

  test('unknown route 404 names the path', async () => {
    const details = expectErrorBody(await requestJson(`${service.url}/api/nowhere`), 404);
    expect(details).toEqual([{ field: 'path', message: 'no route for GET /api/nowhere' }]);
  });

  test('missing asset 404 names the path', async () => {
    const details = expectErrorBody(await requestJson(`${service.url}/assets/nope.js`), 404);
    expect(details).toEqual([{ field: 'path', message: 'no asset file at /assets/nope.js' }]);
  });

  test('wrong method 405 names the allowed methods', async () => {
    const details = expectErrorBody(await requestJson(`${service.url}/api/visit`, { method: 'DELETE' }), 405);
    expect(details).toHaveLength(1);
    expect(details[0].field).toBe('method');
    expect(details[0].message).toMatch(/POST/);
  });

  test('unknown method 501 names the method', async () => {
    const details = expectErrorBody(await requestJson(`${service.url}/api/visit`, { method: 'PURGE' }), 501);
    expect(details).toEqual([{ field: 'method', message: 'PURGE is not implemented by this service' }]);
  });

  test('busy stress worker 429 has details', async () => {
    const first = requestJson(`${service.url}/api/stress?duration=3&intensity=10`);
    // Wait until the first job occupies the only thread.
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const metrics = await requestJson(`${service.url}/api/metrics`);
      if ((metrics.body.worker_pool as { runningStressJobs: number }).runningStressJobs === 1) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }

    const details = expectErrorBody(await requestJson(`${service.url}/api/stress?duration=1`), 429);
    expect(details).toEqual([]);
    expect((await first).status).toBe(200);
  }, 120_000);

  test('stress switched off 404 names the setting', async () => {
    const disabled = await startTestApp({ STRESS_ENABLED: 'false' });
    try {
      const details = expectErrorBody(await requestJson(`${disabled.url}/api/stress?duration=1`), 404);
      expect(details).toEqual([{ field: 'STRESS_ENABLED', message: 'is false on this instance, so /api/stress is switched off' }]);
    } finally {
      await disabled.close();
    }
  });
});
