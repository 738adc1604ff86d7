/**
 * Turns every thrown error into a JSON response of the form {error, details}.
 * HttpError and Koa's own exposed errors keep their status and message.
 * Anything else becomes a 500 whose detail goes only to the log.
 */
import type { Next } from 'koa';
import type { AppRouterContext } from '../context';
import { HttpError } from '../errors';

interface KoaLikeError {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message?: string;
}

export async function errorHandler(ctx: AppRouterContext, next: Next): Promise<void> {
  try {
    await next();
  } catch (error) {
    if (error instanceof HttpError) {
      ctx.status = error.status;
      ctx.set(error.headers);
      ctx.body = { error: error.message, details: error.details ?? [] };
      if (error.status >= 500) {
        // An expected 503 (database down, queue full) needs no stack trace, which would repeat on every request.
        ctx.state.error = { type: error.name, message: error.message, code: (error as { causeCode?: string }).causeCode };
      }
      return;
    }
    const koaError = error as KoaLikeError;
    const status = koaError.status ?? koaError.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500 && koaError.expose) {
      ctx.status = status;
      ctx.body = { error: koaError.message ?? 'Bad request', details: [] };
      return;
    }
    ctx.state.error = error;
    ctx.status = 500;
    ctx.body = { error: 'Internal server error', details: [], request_id: ctx.state.requestId };
  }
}

/** Fills the JSON body of a 404, 405 or 501 that no route handled. */
export async function notFound(ctx: AppRouterContext, next: Next): Promise<void> {
  await next();
  if (ctx.body !== undefined && ctx.body !== null) {
    return;
  }
  if (ctx.status === 405) {
    const allowed = ctx.response.get('Allow');
    ctx.body = {
      error: `Method ${ctx.method} not allowed on ${ctx.path}; allowed: ${allowed}`,
      details: [{ field: 'method', message: `must be one of ${allowed}` }],
    };
  } else if (ctx.status === 501) {
    ctx.body = {
      error: `Method ${ctx.method} is not implemented`,
      details: [{ field: 'method', message: `${ctx.method} is not implemented by this service` }],
    };
  } else if (ctx.status === 404) {
    ctx.status = 404;
    ctx.body = {
      error: `Not found: ${ctx.method} ${ctx.path}`,
      details: [{ field: 'path', message: `no route for ${ctx.method} ${ctx.path}` }],
    };
  }
}
