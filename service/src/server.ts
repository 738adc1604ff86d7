/**
 * Runs the service: connects the database, starts the worker pool and the
 * HTTP server, migrates in the background (readiness stays 503 until that
 * succeeds), and shuts everything down in order on request.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TokenCredential } from '@azure/identity';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { createApp, type App } from './app';
import type { Config } from './config';
import { CpuPool } from './cpu-pool';
import { connectDatabase } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { DatabaseMonitor } from './db/monitor';
import { createLogger } from './logger';
import { Readiness } from './readiness';
import { ScheduledEventsWatcher } from './scheduled-events';

export interface StartOptions {
  logger?: Logger;
  /** Token source for DATABASE_AUTH=entra. Defaults to the managed identity. */
  credential?: TokenCredential;
  /** Called once shutdown has finished, with the reason. main.ts exits the process here. */
  onStopped?: (reason: string) => void;
}

export interface RunningService {
  app: App;
  server: Server;
  db: Knex;
  readiness: Readiness;
  /** http://host:port the server listens on. */
  url: string;
  /** Resolves once migrations have run and readiness is 200. */
  ready: Promise<void>;
  /**
   * Drains and stops everything. Calling it again returns the same promise.
   * `afterDrain` runs once in-flight requests have finished, before the pool and database close.
   */
  shutdown(reason: string, afterDrain?: () => Promise<void>): Promise<void>;
}

// First and longest wait between migration attempts while the database is unreachable at start-up.
const MIGRATION_RETRY_FIRST_MS = 500;
const MIGRATION_RETRY_MAX_MS = 10_000;
// How often a closing server drops connections that have gone idle since the previous sweep.
const IDLE_SWEEP_MS = 250;

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Migrates, retrying with backoff until it succeeds or the service stops. */
async function migrateUntilDone(db: Knex, logger: Logger, stopping: AbortSignal): Promise<boolean> {
  let waitMs = MIGRATION_RETRY_FIRST_MS;
  for (let attempt = 1; !stopping.aborted; attempt += 1) {
    try {
      await migrateToLatest(db, logger);
      return true;
    } catch (error) {
      logger.error({ err: error, attempt, retry_in_ms: waitMs }, 'migration failed; retrying');
      await sleep(waitMs, stopping);
      waitMs = Math.min(waitMs * 2, MIGRATION_RETRY_MAX_MS);
    }
  }
  return false;
}

/** Waits for the server to close, closing every connection when the deadline passes first. */
function closeServer(server: Server, deadlineMs: number, logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      logger.warn({ deadline_ms: deadlineMs }, 'in-flight requests outlived the shutdown deadline; closing their connections');
      server.closeAllConnections();
    }, deadlineMs);
    // Idle keep-alive connections would otherwise hold the server open until keepAliveTimeout. Responses
    // sent while draining carry Connection: close, and this sweep also catches a client that ignores it.
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    server.close(() => {
      clearTimeout(timer);
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}

export async function startService(config: Readonly<Config>, options: StartOptions = {}): Promise<RunningService> {
  const logger = options.logger ?? createLogger(config.logLevel, config.instanceId);
  const db = await connectDatabase(config.database, { logger, credential: options.credential });
  const pool = new CpuPool({ threads: config.poolThreads, maxQueue: config.poolMaxQueue });
  const readiness = new Readiness('starting');
  const monitor = new DatabaseMonitor(db, config.databaseCheckIntervalMs, logger);
  const app = createApp({ config, logger, db, pool, readiness, monitor });

  const server = createServer(app.callback());
  // Above the Azure Load Balancer's default TCP idle timeout of 4 minutes, so the server never closes
  // an idle connection the balancer still considers open.
  // Source: https://learn.microsoft.com/azure/load-balancer/load-balancer-tcp-idle-timeout
  server.keepAliveTimeout = config.keepAliveTimeoutMs;
  server.headersTimeout = config.keepAliveTimeoutMs + 1_000;
  server.requestTimeout = config.keepAliveTimeoutMs + 5_000;

  const address = await listen(server, config.port, config.host);
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  const databaseKind = config.database.kind === 'sqlite' ? `sqlite ${config.database.filename}` : `postgres (${config.database.auth})`;
  logger.info({ url, database: databaseKind, worker_threads: config.poolThreads, version: app.context.services.version }, 'listening');

  monitor.start();
  const stopping = new AbortController();
  const ready = migrateUntilDone(db, logger, stopping.signal).then((done) => {
    if (done) {
      readiness.markReady();
      logger.info('ready');
    }
  });

  let shutdownPromise: Promise<void> | undefined;
  const shutdown = (reason: string, afterDrain?: () => Promise<void>): Promise<void> => {
    shutdownPromise ??= (async () => {
      logger.info({ reason, drain_delay_ms: config.drainDelayMs }, 'draining: readiness returns 503');
      readiness.markDraining();
      stopping.abort();
      watcher?.stop();
      await sleep(config.drainDelayMs);

      logger.info({ deadline_ms: config.shutdownTimeoutMs }, 'closing the server; in-flight requests continue');
      const closingStarted = Date.now();
      await closeServer(server, config.shutdownTimeoutMs, logger);
      const remainingMs = Math.max(0, config.shutdownTimeoutMs - (Date.now() - closingStarted));
      if (!(await readiness.waitIdle(remainingMs))) {
        logger.warn('handlers of disconnected clients outlived the shutdown deadline; stopping them');
      }
      await ready;
      await afterDrain?.();
      monitor.stop();
      app.context.services.sampler.stop();
      await pool.destroy();
      await db.destroy();
      logger.info({ reason }, 'stopped');
      options.onStopped?.(reason);
    })();
    return shutdownPromise;
  };

  const watcher = config.scheduledEventsUrl
    ? new ScheduledEventsWatcher({
        url: config.scheduledEventsUrl,
        intervalMs: config.scheduledEventsIntervalMs,
        logger,
        drain: (eventId, approve) => shutdown(`scheduled event ${eventId}`, approve),
      })
    : undefined;
  watcher?.start();

  return { app, server, db, readiness, url, ready, shutdown };
}
