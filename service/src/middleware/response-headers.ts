/**
 * Adds `instance_id` to every JSON object response and the X-Instance-Id
 * header to every response, and sets the security headers, including the
 * Content-Security-Policy that allows only this origin's scripts and styles.
 */
import type { Next } from 'koa';
import type { AppRouterContext } from '../context';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

export async function responseHeaders(ctx: AppRouterContext, next: Next): Promise<void> {
  const { instanceId } = ctx.services.config;
  ctx.set('X-Instance-Id', instanceId);
  ctx.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Referrer-Policy', 'no-referrer');

  await next();

  if (isPlainObject(ctx.body) && !('instance_id' in ctx.body)) {
    ctx.body = { ...ctx.body, instance_id: instanceId };
  }
}
