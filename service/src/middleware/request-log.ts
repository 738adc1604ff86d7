/**
 * Gives each request an id (the caller's X-Request-Id when it is a short
 * token, else a new UUID), times it, and records the duration histogram.
 * When the request ends it logs one line: 5xx at error, 4xx and the rest at
 * info, except health probes, which log at debug because they arrive every few seconds.
 */
import { randomUUID } from 'node:crypto';
import type { Next } from 'koa';
import type { AppRouterContext } from '../context';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

export async function requestLog(ctx: AppRouterContext, next: Next): Promise<void> {
  const { logger, metrics, readiness } = ctx.services;
  const incoming = ctx.get('x-request-id');
  const requestId = REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
  ctx.state.requestId = requestId;
  ctx.state.log = logger.child({ request_id: requestId });
  ctx.set('X-Request-Id', requestId);
  ctx.state.clientIp = ctx.services.clientIp.resolve(ctx.req.socket.remoteAddress, ctx.get('x-forwarded-for') || undefined);
  const started = performance.now();
  const untrack = readiness.track();

  try {
    await next();
  } finally {
    untrack();
    // Checked when the response goes out, so requests that began before the drain close their connection too.
    // Clients reconnect, and the load balancer sends the new connection to an instance that stays.
    if (readiness.state === 'draining') {
      ctx.set('Connection', 'close');
    }
    const durationMs = performance.now() - started;
    const matched = (ctx as { _matchedRoute?: string | RegExp })._matchedRoute;
    const route = matched === undefined ? 'unmatched' : String(matched);
    const status = ctx.status;
    metrics.requestDuration.observe({ method: ctx.method, route, status: String(status) }, durationMs / 1000);

    const fields = {
      method: ctx.method,
      path: ctx.path,
      route,
      status,
      duration_ms: Math.round(durationMs * 10) / 10,
      client_ip: ctx.state.clientIp,
    };
    if (status >= 500) {
      ctx.state.log.error({ ...fields, err: ctx.state.error }, 'request failed');
    } else if (status >= 400) {
      ctx.state.log.info(fields, 'request rejected');
    } else if (route.startsWith('/health')) {
      ctx.state.log.debug(fields, 'request completed');
    } else {
      ctx.state.log.info(fields, 'request completed');
    }
  }
}
