/** Liveness and readiness probes. Neither touches the database or the worker pool. */
import type { AppRouterContext } from '../context';

/** 200 while the process and its event loop run. The Application Health extension replaces instances that fail it. */
export function live(ctx: AppRouterContext): void {
  ctx.set('Cache-Control', 'no-store');
  ctx.body = { status: 'live', uptime_s: Math.round(process.uptime()) };
}

/**
 * Readiness for the load balancer probe: 200 when accepting traffic, 503
 * while starting and while draining. The database status is the last result
 * of the background check. A database that is down does not fail readiness:
 * every instance would fail together, and the load balancer would then have
 * nowhere to send the requests that still work.
 */
export function ready(ctx: AppRouterContext): void {
  const { readiness, monitor, version } = ctx.services;
  const state = readiness.state;
  ctx.set('Cache-Control', 'no-store');
  ctx.status = state === 'ready' ? 200 : 503;
  ctx.body = {
    status: state,
    version,
    uptime_s: Math.round((Date.now() - readiness.startedAt) / 1000),
    database: monitor.status(),
  };
}
