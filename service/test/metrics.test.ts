/** /metrics is valid Prometheus text, and two apps in one process keep separate registries. */
import { listRoutes } from '../src/routes';
import { startTestApp, type TestApp } from './support/app';

const METRIC_NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"';
const SAMPLE = new RegExp(`^(${METRIC_NAME})(\\{(${LABEL})(,${LABEL})*,?\\})? (-?[0-9.e+-]+|NaN|[+-]Inf)( -?\\d+)?$`);
const HELP = new RegExp(`^# HELP (${METRIC_NAME}) .*$`);
const TYPE = new RegExp(`^# TYPE (${METRIC_NAME}) (counter|gauge|histogram|summary|untyped)$`);

interface ParsedExposition {
  types: Map<string, string>;
  samples: Array<{ name: string; line: string }>;
}

/** Parses the Prometheus text format 0.0.4 strictly enough to fail on any malformed line. */
function parseExposition(text: string): ParsedExposition {
  const types = new Map<string, string>();
  const samples: Array<{ name: string; line: string }> = [];
  for (const line of text.split('\n')) {
    if (line === '') {
      continue;
    }
    const type = TYPE.exec(line);
    if (type) {
      expect(types.has(type[1])).toBe(false);
      types.set(type[1], type[2]);
      continue;
    }
    if (HELP.test(line)) {
      continue;
    }
    const sample = SAMPLE.exec(line);
    if (!sample) {
      throw new Error(`not a Prometheus exposition line: ${line}`);
    }
    samples.push({ name: sample[1], line });
  }
  return { types, samples };
}

describe('metrics', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await startTestApp({ INSTANCE_ID: 'first' });
    second = await startTestApp({ INSTANCE_ID: 'second' });
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  test('two apps in one process both start', () => {
    expect(first.app.context.services.metrics.registry).not.toBe(second.app.context.services.metrics.registry);
  });

  test('/metrics parses as Prometheus text', async () => {
    await fetch(`${first.url}/api/visit`, { method: 'POST' });
    const response = await fetch(`${first.url}/metrics`);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const { types, samples } = parseExposition(await response.text());

    expect(types.get('http_request_duration_seconds')).toBe('histogram');
    expect(types.get('visits_registered_total')).toBe('counter');
    expect(types.get('stress_jobs_total')).toBe('counter');
    expect(types.get('worker_pool_queue_length')).toBe('gauge');
    expect(types.get('nodejs_eventloop_utilization_ratio')).toBe('gauge');
    expect(types.get('process_cpu_user_seconds_total')).toBe('counter');
    expect(types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
    expect(samples.find((sample) => sample.name === 'visits_registered_total')?.line).toBe('visits_registered_total 1');
  });

  test('each app counts only its own requests', async () => {
    await fetch(`${second.url}/api/visit`, { method: 'POST' });
    await fetch(`${second.url}/api/visit`, { method: 'POST' });
    const firstText = await (await fetch(`${first.url}/metrics`)).text();
    const secondText = await (await fetch(`${second.url}/metrics`)).text();
    expect(firstText).toMatch(/^visits_registered_total 1$/m);
    expect(secondText).toMatch(/^visits_registered_total 2$/m);
  });

  test('request durations use route templates', async () => {
    await fetch(`${first.url}/assets/missing.js`);
    await fetch(`${first.url}/no/such/route`);
    const text = await (await fetch(`${first.url}/metrics`)).text();
    const routes = new Set([...text.matchAll(/route="([^"]*)"/g)].map((match) => match[1]));
    const known = new Set([...listRoutes().map((route) => route.path), 'unmatched']);
    expect([...routes].filter((route) => !known.has(route))).toEqual([]);
    expect(routes.has('/assets/*path')).toBe(true);
    expect(routes.has('unmatched')).toBe(true);
  });
});
