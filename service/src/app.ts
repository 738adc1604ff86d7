/**
 * Creates the Koa application from its dependencies. The app owns no server,
 * signal handler or timer, so tests can create several in one process.
 */
import Koa from 'koa';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { ClientIpResolver } from './client-ip';
import type { Config } from './config';
import type { AppContext, AppServices, AppState } from './context';
import type { CpuPool } from './cpu-pool';
import { DatabaseMonitor } from './db/monitor';
import { VisitStore } from './db/visits';
import { createMetrics } from './metrics';
import { errorHandler, notFound } from './middleware/errors';
import { requestLog } from './middleware/request-log';
import { responseHeaders } from './middleware/response-headers';
import { Readiness } from './readiness';
import { createRouter } from './routes';
import { SystemSampler } from './system-sampler';
import { SERVICE_VERSION } from './version';

export interface AppDeps {
  config: Readonly<Config>;
  logger: Logger;
  db: Knex;
  pool: CpuPool;
  /** Defaults to a new Readiness in state `ready`, for tests that need no start-up phase. */
  readiness?: Readiness;
  /** Defaults to a monitor on `db` at the configured interval. The caller starts and stops it. */
  monitor?: DatabaseMonitor;
}

export type App = Koa<AppState, AppContext>;

export function createApp(deps: AppDeps): App {
  const services: AppServices = {
    config: deps.config,
    logger: deps.logger,
    db: deps.db,
    visits: new VisitStore(deps.db),
    pool: deps.pool,
    monitor: deps.monitor ?? new DatabaseMonitor(deps.db, deps.config.databaseCheckIntervalMs, deps.logger),
    readiness: deps.readiness ?? new Readiness('ready'),
    metrics: createMetrics(deps.pool),
    sampler: new SystemSampler(),
    clientIp: new ClientIpResolver(deps.config.trustedProxies),
    version: SERVICE_VERSION,
  };

  const app: App = new Koa<AppState, AppContext>();
  app.context.services = services;
  // The middleware turns errors into responses and logs them. This catches only what escapes it, such as a failed response stream.
  app.on('error', (error: Error) => services.logger.warn({ err: error }, 'response error'));

  const router = createRouter();
  app.use(requestLog);
  app.use(responseHeaders);
  app.use(errorHandler);
  app.use(notFound);
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
