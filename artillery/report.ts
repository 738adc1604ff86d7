/**
 * Reads the JSON report that `artillery run --output` writes and condenses it
 * into the figures a person checks after a run.
 */
import { readFileSync } from 'node:fs';

/** Aggregated percentiles of a summary metric, in milliseconds. */
export interface SummaryMetric {
  min: number;
  max: number;
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
}

/** One period of metrics in Artillery's JSON report (the `aggregate` or an `intermediate` entry). */
export interface ReportPeriod {
  counters: Record<string, number>;
  rates: Record<string, number>;
  summaries: Record<string, SummaryMetric>;
  firstMetricAt?: number;
  lastMetricAt?: number;
}

export interface ArtilleryReport {
  aggregate: ReportPeriod;
  intermediate: ReportPeriod[];
}

export interface EndpointFigures {
  endpoint: string;
  count: number;
  p95: number;
  p99: number;
}

export interface RunSummary {
  requests: number;
  responses: number;
  /** Responses per HTTP status code, e.g. { "200": 10, "201": 5 }. */
  codes: Record<string, number>;
  /** Requests that got no response, per error code (ETIMEDOUT, ECONNREFUSED, ...). */
  errors: Record<string, number>;
  /** Responses with a 5xx status. */
  serverErrors: number;
  vusersCreated: number;
  vusersFailed: number;
  /** Response time percentiles over every request, in milliseconds; undefined without responses. */
  responseTime: SummaryMetric | undefined;
  /** Highest per-period request rate Artillery recorded, in requests per second. */
  peakRequestRate: number;
  /** Requests divided by the time from the first to the last metric, in requests per second. */
  meanRequestRate: number;
  /** Seconds from the first to the last recorded metric. */
  durationSeconds: number;
  /** Responses per serving instance id, from the processor's `served_by.<id>` counters. */
  servedBy: Record<string, number>;
  endpoints: EndpointFigures[];
}

const ENDPOINT_PREFIX = 'plugins.metrics-by-endpoint.response_time.';

export function readReport(path: string): ArtilleryReport {
  const report = JSON.parse(readFileSync(path, 'utf8')) as Partial<ArtilleryReport>;
  if (typeof report.aggregate !== 'object' || report.aggregate === null) {
    throw new Error(`${path}: not an Artillery JSON report (no aggregate section)`);
  }
  return { aggregate: report.aggregate, intermediate: report.intermediate ?? [] };
}

function countersWithPrefix(counters: Record<string, number>, prefix: string): Record<string, number> {
  const selected: Record<string, number> = {};
  for (const [name, value] of Object.entries(counters)) {
    if (name.startsWith(prefix)) {
      selected[name.slice(prefix.length)] = value;
    }
  }
  return selected;
}

/** Condenses a report into request counts, status codes, latency percentiles and rates. */
export function summariseReport(report: ArtilleryReport): RunSummary {
  const { counters, summaries } = report.aggregate;
  const codes = countersWithPrefix(counters, 'http.codes.');
  const serverErrors = Object.entries(codes)
    .filter(([code]) => code.startsWith('5'))
    .reduce((sum, [, count]) => sum + count, 0);

  const first = report.aggregate.firstMetricAt;
  const last = report.aggregate.lastMetricAt;
  const durationSeconds = first !== undefined && last !== undefined ? Math.max((last - first) / 1000, 0) : 0;
  const requests = counters['http.requests'] ?? 0;
  const periodRates = report.intermediate.map((period) => period.rates?.['http.request_rate'] ?? 0);

  const endpoints = Object.entries(summaries)
    .filter(([name]) => name.startsWith(ENDPOINT_PREFIX))
    .map(([name, metric]) => ({ endpoint: name.slice(ENDPOINT_PREFIX.length), count: metric.count, p95: metric.p95, p99: metric.p99 }))
    .sort((a, b) => a.endpoint.localeCompare(b.endpoint));

  return {
    requests,
    responses: counters['http.responses'] ?? 0,
    codes,
    errors: countersWithPrefix(counters, 'errors.'),
    serverErrors,
    vusersCreated: counters['vusers.created'] ?? 0,
    vusersFailed: counters['vusers.failed'] ?? 0,
    responseTime: summaries['http.response_time'],
    peakRequestRate: Math.max(0, ...periodRates),
    meanRequestRate: durationSeconds > 0 ? requests / durationSeconds : 0,
    durationSeconds,
    servedBy: countersWithPrefix(counters, 'served_by.'),
    endpoints,
  };
}

function formatCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? 'none' : entries.map(([key, count]) => `${key}×${count}`).join(', ');
}

/** Renders a summary as indented lines for a terminal. */
export function formatSummary(title: string, summary: RunSummary): string {
  const latency = summary.responseTime;
  const lines = [
    `${title}`,
    `  requests     ${summary.requests} in ${summary.durationSeconds.toFixed(0)} s ` +
      `(mean ${summary.meanRequestRate.toFixed(1)}/s, peak ${summary.peakRequestRate}/s)`,
    `  codes        ${formatCounts(summary.codes)}`,
    `  errors       ${formatCounts(summary.errors)} (failed virtual users: ${summary.vusersFailed} of ${summary.vusersCreated})`,
    latency === undefined
      ? '  latency      no responses'
      : `  latency      p50 ${latency.p50} ms, p95 ${latency.p95} ms, p99 ${latency.p99} ms, max ${latency.max} ms`,
    `  served by    ${formatCounts(summary.servedBy)}`,
  ];
  for (const endpoint of summary.endpoints) {
    lines.push(`  ${endpoint.endpoint.padEnd(24)} ${String(endpoint.count).padStart(6)} requests, p95 ${endpoint.p95} ms, p99 ${endpoint.p99} ms`);
  }
  return lines.join('\n');
}
