/**
 * Prometheus metrics on a Registry of this app's own, so that two apps in one
 * process (as in tests) never collide on metric names in the global registry.
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CpuPool } from './cpu-pool';

export interface AppMetrics {
  registry: Registry;
  requestDuration: Histogram<'method' | 'route' | 'status'>;
  visitsRegistered: Counter;
  stressJobs: Counter<'outcome'>;
}

export function createMetrics(pool: CpuPool): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  let lastElu: EventLoopUtilization = performance.eventLoopUtilization();
  new Gauge({
    name: 'nodejs_eventloop_utilization_ratio',
    help: 'Fraction of time the event loop was busy since the previous scrape, 0 to 1.',
    registers: [registry],
    collect() {
      const now = performance.eventLoopUtilization();
      this.set(performance.eventLoopUtilization(now, lastElu).utilization);
      lastElu = now;
    },
  });
  new Gauge({
    name: 'worker_pool_queue_length',
    help: 'CPU tasks waiting for a worker thread.',
    registers: [registry],
    collect() {
      this.set(pool.stats().queued);
    },
  });
  new Gauge({
    name: 'worker_pool_utilization_ratio',
    help: 'Fraction of time the worker threads were busy since the pool started, 0 to 1.',
    registers: [registry],
    collect() {
      this.set(pool.stats().utilization);
    },
  });
  new Gauge({
    name: 'stress_jobs_running',
    help: 'Stress jobs running now; at most one per worker thread.',
    registers: [registry],
    collect() {
      this.set(pool.stats().runningStressJobs);
    },
  });

  return {
    registry,
    requestDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from request to response, by route template, method and status.',
      labelNames: ['method', 'route', 'status'],
      // From 1 ms (a health probe) to 10 s (a visit queued behind saturated workers).
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    visitsRegistered: new Counter({
      name: 'visits_registered_total',
      help: 'Visits committed to the database by this instance.',
      registers: [registry],
    }),
    stressJobs: new Counter({
      name: 'stress_jobs_total',
      help: 'Stress job requests by outcome: completed, rejected (429) or failed.',
      labelNames: ['outcome'],
      registers: [registry],
    }),
  };
}
