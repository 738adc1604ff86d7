/**
 * SIGTERM drains the service: readiness turns 503, requests already in flight
 * all complete, every 201 has its row, idle keep-alive connections do not hold
 * the exit, requests that outlive the deadline are cut, and the exit status is 0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { spawnService, type ChildService } from './support/child-service';

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

function send(url: string, method: string, agent?: Agent, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    const request = httpRequest(url, { method, agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('shutdown drain', () => {
  let dataDir: string;
  let service: ChildService | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'visits-drain-'));
  });

  afterEach(async () => {
    service?.kill('SIGKILL');
    await service?.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('in-flight visits complete and each has its row', async () => {
    const inFlight = 6;
    service = spawnService({
      DATA_DIR: dataDir,
      // Slow enough per visit that all six are still queued when SIGTERM arrives.
      VISIT_WORK_ROUNDS: '600000',
      DRAIN_DELAY_MS: '1000',
      SHUTDOWN_TIMEOUT_MS: '120000',
    });
    const url = await service.url();
    await service.waitForLog((line) => line.msg === 'ready');

    const agent = new Agent({ keepAlive: true, maxSockets: inFlight + 2 });
    const visits = Array.from({ length: inFlight }, (_, index) => send(`${url}/api/visit`, 'POST', agent, JSON.stringify({ name: `visitor ${index}` })));
    await waitUntil(
      async () => {
        const metrics = await send(`${url}/api/metrics`, 'GET', agent);
        return (metrics.body.worker_pool as { queued: number }).queued >= inFlight - 1;
      },
      60_000,
      'the visits to reach the worker queue',
    );

    service.kill('SIGTERM');
    await waitUntil(async () => (await send(`${url}/health`, 'GET')).status === 503, 30_000, 'readiness to return 503');

    const replies = await Promise.all(visits);
    expect(replies.map((reply) => reply.status)).toEqual(Array(inFlight).fill(201));
    expect(await service.exited).toBe(0);
    agent.destroy();

    const db = new Database(join(dataDir, 'visits.sqlite3'), { readonly: true });
    const ids = (db.prepare('select id from visits order by id').all() as Array<{ id: number }>).map((row) => row.id);
    db.close();
    expect(ids).toHaveLength(inFlight);
    expect(replies.map((reply) => reply.body.id as number).sort((a, b) => a - b)).toEqual(ids);
  }, 180_000);

  test('idle keep-alive connections do not delay the exit', async () => {
    service = spawnService({ DATA_DIR: dataDir, SHUTDOWN_TIMEOUT_MS: '60000' });
    const url = await service.url();
    await service.waitForLog((line) => line.msg === 'ready');
    const agent = new Agent({ keepAlive: true });
    expect((await send(`${url}/health/live`, 'GET', agent)).status).toBe(200);

    service.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(service.lines.find((line) => String(line.msg).includes('shutdown deadline'))).toBeUndefined();
    agent.destroy();
  }, 120_000);

  test('requests past the deadline are cut and the exit is 0', async () => {
    service = spawnService({ DATA_DIR: dataDir, SHUTDOWN_TIMEOUT_MS: '500' });
    const url = await service.url();
    await service.waitForLog((line) => line.msg === 'ready');

    const stress = send(`${url}/api/stress?duration=60`, 'GET').then(
      () => 'completed',
      () => 'cut',
    );
    await waitUntil(
      async () => ((await send(`${url}/api/metrics`, 'GET')).body.worker_pool as { runningStressJobs: number }).runningStressJobs === 1,
      30_000,
      'the stress job to start',
    );
    service.kill('SIGTERM');

    expect(await stress).toBe('cut');
    expect(await service.exited).toBe(0);
    expect(service.lines.find((line) => String(line.msg).includes('shutdown deadline'))).toBeDefined();
  }, 120_000);
});
