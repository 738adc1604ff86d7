/**
 * The router. Handlers take what they need from `ctx.services`, so the router
 * is built without any dependency and `listRoutes()` reads the same instance
 * the service uses.
 */
import Router from '@koa/router';
import type { AppContext, AppRouterContext, AppState } from './context';
import { live, ready } from './handlers/health';
import { prometheus, systemMetrics } from './handlers/metrics';
import { stress } from './handlers/stress';
import { listInstances, listVisits, registerVisit } from './handlers/visits';
import { sendAsset, sendPage } from './handlers/web';
import { SERVICE_NAME } from './version';

export interface RouteEntry {
  method: string;
  path: string;
}

function routesOf(router: Router<AppState, AppContext>): RouteEntry[] {
  return router.stack.flatMap((layer) =>
    // Koa serves HEAD with the GET handler, so HEAD is implied and not listed.
    layer.methods.filter((method) => method !== 'HEAD').map((method) => ({ method, path: String(layer.path) })),
  );
}

/**
 * GET /: the web page for browsers (Accept: text/html), otherwise the API
 * description. `stress_enabled` lets the page disable its stress control.
 */
async function home(ctx: AppRouterContext): Promise<void> {
  if (ctx.accepts('json', 'html') === 'html') {
    await sendPage(ctx);
    return;
  }
  const { config, version } = ctx.services;
  ctx.body = { name: SERVICE_NAME, version, endpoints: listRoutes(), stress_enabled: config.stressEnabled };
}

export function createRouter(): Router<AppState, AppContext> {
  const router = new Router<AppState, AppContext>();
  router.get('/', home);
  router.get('/health/live', live);
  router.get('/health', ready);
  router.post('/api/visit', registerVisit);
  router.get('/api/visits', listVisits);
  router.get('/api/instances', listInstances);
  router.get('/api/stress', stress);
  router.post('/api/stress', stress);
  router.get('/api/metrics', systemMetrics);
  router.get('/metrics', prometheus);
  router.get('/assets/*path', sendAsset);
  return router;
}

let cachedRoutes: RouteEntry[] | undefined;

/** Every method and path the service routes, in registration order, read from the router itself. */
export function listRoutes(): Array<{ method: string; path: string }> {
  cachedRoutes ??= routesOf(createRouter());
  return cachedRoutes.map((route) => ({ ...route }));
}
