/** The same route checks against either database: each test file passes its own start-up. */
import { listRoutes } from '../../src/routes';
import { postJson, requestJson, type TestApp } from './app';

const HEX_MD5 = /^[0-9a-f]{32}$/;
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

export function routeSuite(start: () => Promise<TestApp>): void {
  let service: TestApp;

  beforeAll(async () => {
    service = await start();
  });

  afterAll(async () => {
    await service?.close();
  });

  test('GET / returns the API description', async () => {
    const { status, body } = await requestJson(`${service.url}/`);
    expect(status).toBe(200);
    expect(body.name).toBe('vmss-autoscaling');
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(body.endpoints).toEqual(listRoutes());
    expect(body.instance_id).toBe('test-instance');
  });

  test('GET / with Accept text/html returns the page', async () => {
    const response = await fetch(`${service.url}/`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await response.text()).toMatch(/<html/i);
  });

  test('GET /health/live returns 200', async () => {
    const { status, body } = await requestJson(`${service.url}/health/live`);
    expect(status).toBe(200);
    expect(body.status).toBe('live');
  });

  test('GET /health reports the database up', async () => {
    await service.app.context.services.monitor.check();
    const { status, body } = await requestJson(`${service.url}/health`);
    expect(status).toBe(200);
    expect(body.status).toBe('ready');
    const database = body.database as Record<string, unknown>;
    expect(database.status).toBe('up');
    expect(typeof database.latency_ms).toBe('number');
    expect(database.checked_at).toMatch(ISO_TIME);
  });

  test('POST /api/visit without a body records a visit', async () => {
    const { status, body } = await requestJson(`${service.url}/api/visit`, { method: 'POST' });
    expect(status).toBe(201);
    expect(body.id).toEqual(expect.any(Number));
    expect(body.total_visits).toBe(1);
    expect(body.validation).toMatch(HEX_MD5);
    expect(body.instance_id).toBe('test-instance');
  });

  test('POST /api/visit stores the trimmed fields', async () => {
    const { status, body } = await postJson(`${service.url}/api/visit`, {
      name: '  Ada Lovelace ',
      email: 'ada@example.com',
      company: 'Analytical Engines',
      purpose: 'demo',
    });
    expect(status).toBe(201);
    expect(body.total_visits).toBe(2);

    const row = await service.db('visits').where({ id: body.id as number }).first();
    expect(row.name).toBe('Ada Lovelace');
    expect(row.email).toBe('ada@example.com');
    expect(row.company).toBe('Analytical Engines');
    expect(row.purpose).toBe('demo');
    expect(row.instance_id).toBe('test-instance');
    expect(row.client_ip).toBe('127.0.0.1');
    expect(row.user_agent).toEqual(expect.any(String));
  });

  test('GET /api/visits lists the newest first', async () => {
    const { status, body } = await requestJson(`${service.url}/api/visits?limit=1`);
    expect(status).toBe(200);
    expect(body.total_visits).toBe(2);
    const recent = body.recent_visits as Array<Record<string, unknown>>;
    expect(recent).toHaveLength(1);
    expect(recent[0].name).toBe('Ada Lovelace');
    expect(recent[0].created_at).toMatch(ISO_TIME);
    expect(recent[0]).not.toHaveProperty('email');
    expect(recent[0]).not.toHaveProperty('client_ip');
    expect(body.computed).toMatch(HEX_MD5);
  });

  test('GET /api/visits defaults to ten', async () => {
    const { body } = await requestJson(`${service.url}/api/visits`);
    expect(body.recent_visits).toHaveLength(2);
  });

  test('GET /api/instances counts visits per instance', async () => {
    const { status, body } = await requestJson(`${service.url}/api/instances`);
    expect(status).toBe(200);
    const instances = body.instances as Array<Record<string, unknown>>;
    expect(instances).toHaveLength(1);
    expect(instances[0].instance_id).toBe('test-instance');
    expect(instances[0].visits).toBe(2);
    expect(instances[0].last_seen).toMatch(ISO_TIME);
  });

  test('GET /api/stress burns CPU for the duration', async () => {
    const { status, body } = await requestJson(`${service.url}/api/stress?duration=1&intensity=20`);
    expect(status).toBe(200);
    expect(body.duration_s).toBe(1);
    expect(body.intensity).toBe(20);
    expect(body.operations).toBeGreaterThan(0);
    expect(body.elapsed_ms).toBeGreaterThanOrEqual(1000);
  });

  test('POST /api/stress reads a JSON body', async () => {
    const { status, body } = await postJson(`${service.url}/api/stress`, { duration: 1, intensity: 10 });
    expect(status).toBe(200);
    expect(body.duration_s).toBe(1);
    expect(body.intensity).toBe(10);
  });

  test('GET /api/metrics returns CPU, memory and pool figures', async () => {
    const { status, body } = await requestJson(`${service.url}/api/metrics`);
    expect(status).toBe(200);
    expect(body.process_cpu_percent).toEqual(expect.any(Number));
    expect(body.system_cpu_percent).toEqual(expect.any(Number));
    expect(body.memory_percent).toBeGreaterThan(0);
    expect((body.load_average as number[]).length).toBe(3);
    expect(body.event_loop_utilization).toEqual(expect.any(Number));
    expect((body.event_loop_lag_ms as Record<string, number>).p99).toEqual(expect.any(Number));
    expect((body.worker_pool as Record<string, number>).queued).toBe(0);
    expect((body.worker_pool as Record<string, number>).threads).toBe(2);
  });

  test('GET /metrics counts registered visits', async () => {
    const response = await fetch(`${service.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^visits_registered_total 2$/m);
    expect(text).toMatch(/^http_request_duration_seconds_count\{method="POST",route="\/api\/visit",status="201"\} 2$/m);
  });

  test('unknown route returns 404 JSON', async () => {
    const { status, body } = await requestJson(`${service.url}/api/nothing`);
    expect(status).toBe(404);
    expect(body.error).toContain('/api/nothing');
    expect(body.instance_id).toBe('test-instance');
  });

  test('wrong method returns 405 JSON', async () => {
    const { status, headers, body } = await requestJson(`${service.url}/api/visits`, { method: 'DELETE' });
    expect(status).toBe(405);
    expect(headers.get('allow')).toContain('GET');
    expect(body.error).toContain('DELETE');
  });

  test('responses carry instance and request ids', async () => {
    const response = await fetch(`${service.url}/health/live`, { headers: { 'x-request-id': 'probe-42' } });
    expect(response.headers.get('x-instance-id')).toBe('test-instance');
    expect(response.headers.get('x-request-id')).toBe('probe-42');
  });
}
