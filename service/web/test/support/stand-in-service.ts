/**
 * A loopback stand-in for the service's page and JSON API, kept in memory, for
 * working on the page without the real service. It serves service/public/
 * with the same Content-Security-Policy and serves the routes the page calls
 * in the shapes the real API documents. With several `instanceIds`, it responds
 * as each of them in turn, as a load balancer over several instances would.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';

export interface StandInOptions {
  publicDir: string;
  instanceIds?: string[];
  /** CPU work of one stress job is simulated by waiting this long per second of duration. */
  stressMillisecondsPerSecond?: number;
}

export interface StandIn {
  url: string;
  close(): Promise<void>;
}

interface Visit {
  id: number;
  created_at: string;
  name: string | null;
  email: string | null;
  company: string | null;
  purpose: string | null;
  instance_id: string;
}

const contentSecurityPolicy = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};
const fieldLimits: Record<string, number> = { name: 100, email: 254, company: 100, purpose: 500 };

function sendJson(response: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the stand-in on 127.0.0.1 at a free port. */
export async function startStandIn(options: StandInOptions): Promise<StandIn> {
  const instanceIds = options.instanceIds ?? ['stand-in-0'];
  const stressDelay = options.stressMillisecondsPerSecond ?? 1000;
  const visits: Visit[] = [];
  let turn = 0;
  let stressRunning = false;

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const instanceId = instanceIds[turn % instanceIds.length];
    turn += 1;
    const reply = (status: number, body: object, headers?: Record<string, string>): void =>
      sendJson(response, status, { ...body, instance_id: instanceId }, headers);
    response.setHeader('Content-Security-Policy', contentSecurityPolicy);
    response.setHeader('X-Instance-Id', instanceId);
    response.setHeader('X-Content-Type-Options', 'nosniff');

    if (request.method === 'GET' && (url.pathname === '/' || url.pathname.startsWith('/assets/'))) {
      const wantsHtml = (request.headers.accept ?? '').includes('text/html');
      if (url.pathname === '/' && !wantsHtml) {
        reply(200, { name: 'stand-in', endpoints: ['/api/visit', '/api/visits', '/api/instances', '/api/metrics', '/api/stress'] });
        return;
      }
      const path = url.pathname === '/' ? 'index.html' : normalize(url.pathname).replace(/^\/+/, '');
      if (path.includes('..')) {
        reply(404, { error: 'not found' });
        return;
      }
      try {
        const contents = await readFile(join(options.publicDir, path));
        response.writeHead(200, { 'Content-Type': contentTypes[extname(path)] ?? 'application/octet-stream' });
        response.end(contents);
      } catch {
        reply(404, { error: `no file ${url.pathname}` });
      }
      return;
    }

    if (request.method === 'POST' && url.pathname === '/api/visit') {
      const text = await readBody(request);
      let body: Record<string, unknown> = {};
      try {
        body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
      } catch {
        reply(400, { error: 'invalid JSON body', details: [{ field: 'body', message: 'body is not valid JSON' }] });
        return;
      }
      const details: Array<{ field: string; message: string }> = [];
      const values: Record<string, string | null> = {};
      for (const [field, limit] of Object.entries(fieldLimits)) {
        const value = body[field];
        if (value === undefined || value === null) {
          values[field] = null;
        } else if (typeof value !== 'string') {
          details.push({ field, message: `${field} must be a string` });
        } else if (value.trim().length > limit) {
          details.push({ field, message: `${field} must be at most ${limit} characters` });
        } else {
          values[field] = value.trim() === '' ? null : value.trim();
        }
      }
      if (values.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) {
        details.push({ field: 'email', message: 'email must be a valid email address' });
      }
      if (details.length > 0) {
        reply(400, { error: 'invalid visit', details });
        return;
      }
      const visit: Visit = {
        id: visits.length + 1,
        created_at: new Date().toISOString(),
        name: values.name,
        email: values.email,
        company: values.company,
        purpose: values.purpose,
        instance_id: instanceId,
      };
      visits.push(visit);
      reply(201, { id: visit.id, total_visits: visits.length, validation: 'stand-in' });
      return;
    }

    if (request.method === 'GET' && url.pathname === '/api/visits') {
      const limit = Number(url.searchParams.get('limit') ?? '10');
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
        reply(400, { error: 'invalid query', details: [{ field: 'limit', message: 'limit must be an integer from 1 to 100' }] });
        return;
      }
      reply(200, {
        total_visits: visits.length,
        recent_visits: visits.slice(-limit).reverse().map(({ email: _email, ...listed }) => listed),
        computed: 'stand-in',
      });
      return;
    }

    if (request.method === 'GET' && url.pathname === '/api/instances') {
      const byInstance = new Map<string, { instance_id: string; visits: number; last_seen: string }>();
      for (const visit of visits) {
        const entry = byInstance.get(visit.instance_id) ?? { instance_id: visit.instance_id, visits: 0, last_seen: visit.created_at };
        entry.visits += 1;
        entry.last_seen = visit.created_at;
        byInstance.set(visit.instance_id, entry);
      }
      reply(200, { instances: [...byInstance.values()] });
      return;
    }

    if (request.method === 'GET' && url.pathname === '/api/metrics') {
      reply(200, {
        interval_ms: 1000,
        process_cpu_percent: stressRunning ? 49.5 : 4.2,
        system_cpu_percent: stressRunning ? 55.1 : 12.8,
        memory_percent: 41.3,
        load_average: [0.42, 0.3, 0.2],
        event_loop_lag_ms: { mean: 0.8, p99: 1.2, max: 2.5 },
        worker_pool: { threads: 1, queued: 0, runningStressJobs: stressRunning ? 1 : 0 },
      });
      return;
    }

    if ((request.method === 'GET' || request.method === 'POST') && url.pathname === '/api/stress') {
      const duration = Number(url.searchParams.get('duration') ?? '60');
      if (!Number.isInteger(duration) || duration < 1 || duration > 120) {
        reply(400, { error: 'invalid query', details: [{ field: 'duration', message: 'duration must be an integer from 1 to 120' }] });
        return;
      }
      if (stressRunning) {
        reply(429, { error: 'every worker is running a stress job' }, { 'Retry-After': String(duration) });
        return;
      }
      stressRunning = true;
      const started = Date.now();
      await new Promise((resolve) => setTimeout(resolve, duration * stressDelay));
      stressRunning = false;
      reply(200, { duration_s: duration, intensity: Number(url.searchParams.get('intensity') ?? '100'), operations: duration * 123456, elapsed_ms: Date.now() - started });
      return;
    }

    reply(404, { error: `no route ${request.method} ${url.pathname}` });
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      sendJson(response, 500, { error: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
