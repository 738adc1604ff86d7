/** Runtime figures as JSON (`/api/metrics`) and as Prometheus text (`/metrics`). */
import type { AppRouterContext } from '../context';

export function systemMetrics(ctx: AppRouterContext): void {
  const { sampler, pool } = ctx.services;
  ctx.set('Cache-Control', 'no-store');
  ctx.body = { ...sampler.sample(), worker_pool: pool.stats() };
}

export async function prometheus(ctx: AppRouterContext): Promise<void> {
  const { registry } = ctx.services.metrics;
  ctx.set('Content-Type', registry.contentType);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = await registry.metrics();
}
