/** The bounded worker queue returns 503 when full, and stress jobs are limited to one per worker thread. */
import { postJson, requestJson, startTestApp, type TestApp } from './support/app';

describe('worker pool limits', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp({ WORKER_THREADS: '1', WORKER_QUEUE_MAX: '1', VISIT_WORK_ROUNDS: '1000000' });
  });

  afterAll(async () => {
    await service?.close();
  });

  test('full queue returns 503 and writes no row', async () => {
    const replies = await Promise.all([1, 2, 3, 4].map((index) => postJson(`${service.url}/api/visit`, { name: `visitor ${index}` })));
    const statuses = replies.map((reply) => reply.status).sort();
    expect(statuses).toEqual([201, 201, 503, 503]);

    const rejected = replies.find((reply) => reply.status === 503)!;
    expect(rejected.body.error).toMatch(/queue is full/);
    expect(rejected.headers.get('retry-after')).toBe('1');
    const count = await service.db('visits').count({ count: '*' }).first();
    expect(Number(count?.count)).toBe(2);
  }, 120_000);

  test('second stress job on one thread returns 429', async () => {
    const first = requestJson(`${service.url}/api/stress?duration=3&intensity=10`);
    // Wait until the first job occupies the thread.
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const metrics = await requestJson(`${service.url}/api/metrics`);
      if ((metrics.body.worker_pool as { runningStressJobs: number }).runningStressJobs === 1) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }

    const second = await requestJson(`${service.url}/api/stress?duration=1`);
    expect(second.status).toBe(429);
    const retryAfter = Number(second.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3);
    expect((await first).status).toBe(200);
  }, 120_000);

  test('stress switched off returns 404', async () => {
    const disabled = await startTestApp({ STRESS_ENABLED: 'false' });
    try {
      const reply = await requestJson(`${disabled.url}/api/stress?duration=1`);
      expect(reply.status).toBe(404);
      expect(reply.body.error).toMatch(/STRESS_ENABLED/);
    } finally {
      await disabled.close();
    }
  });
});
