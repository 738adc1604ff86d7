/** Types of the Koa context shared by the middleware and the route handlers. */
import type { Knex } from 'knex';
import type { DefaultContext, DefaultState, ParameterizedContext } from 'koa';
import type { Logger } from 'pino';
import type { ClientIpResolver } from './client-ip';
import type { Config } from './config';
import type { CpuPool } from './cpu-pool';
import type { DatabaseMonitor } from './db/monitor';
import type { VisitStore } from './db/visits';
import type { AppMetrics } from './metrics';
import type { Readiness } from './readiness';
import type { SystemSampler } from './system-sampler';

/** Everything a handler needs, created once per app. */
export interface AppServices {
  config: Readonly<Config>;
  logger: Logger;
  db: Knex;
  visits: VisitStore;
  pool: CpuPool;
  monitor: DatabaseMonitor;
  readiness: Readiness;
  metrics: AppMetrics;
  sampler: SystemSampler;
  clientIp: ClientIpResolver;
  version: string;
}

export interface AppState extends DefaultState {
  requestId: string;
  log: Logger;
  /** The client address, from X-Forwarded-For only when the peer is a trusted proxy. */
  clientIp: string;
  /** The error behind a 5xx, kept for the request log line. */
  error?: unknown;
}

export interface AppContext extends DefaultContext {
  services: AppServices;
}

export type AppRouterContext = ParameterizedContext<AppState, AppContext>;
