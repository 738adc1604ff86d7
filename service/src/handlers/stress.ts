/** GET or POST /api/stress: burns CPU in one worker thread for a while, so that load drives the CPU metric. */
import type { AppRouterContext } from '../context';
import { readJsonBody } from '../body';
import { HttpError, ValidationError } from '../errors';
import { parseIntegerParameter } from '../validation';

export const STRESS_DURATION = { minimum: 1, maximum: 120, fallback: 60 } as const;
export const STRESS_INTENSITY = { minimum: 1, maximum: 100, fallback: 100 } as const;

async function readParameters(ctx: AppRouterContext): Promise<Record<string, unknown>> {
  const parameters: Record<string, unknown> = { ...ctx.query };
  if (ctx.method !== 'POST') {
    return parameters;
  }
  const body = await readJsonBody(ctx);
  if (body === undefined) {
    return parameters;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError('Request body must be a JSON object', [{ field: 'body', message: 'must be a JSON object such as {"duration": 30}' }]);
  }
  for (const key of Object.keys(body)) {
    if (key !== 'duration' && key !== 'intensity') {
      throw new ValidationError('Invalid stress request', [{ field: key, message: 'unknown field; expected duration, intensity' }]);
    }
  }
  return { ...parameters, ...body };
}

export async function stress(ctx: AppRouterContext): Promise<void> {
  const { config, pool, metrics } = ctx.services;
  if (!config.stressEnabled) {
    throw new HttpError(404, 'Not found: /api/stress is switched off on this instance (STRESS_ENABLED=false)');
  }
  const parameters = await readParameters(ctx);
  const duration = parseIntegerParameter(parameters, 'duration', STRESS_DURATION);
  const intensity = parseIntegerParameter(parameters, 'intensity', STRESS_INTENSITY);

  try {
    const result = await pool.stress({ durationMs: duration * 1000, intensity });
    metrics.stressJobs.inc({ outcome: 'completed' });
    ctx.body = { duration_s: duration, intensity, operations: result.operations, elapsed_ms: result.elapsedMs };
  } catch (error) {
    metrics.stressJobs.inc({ outcome: error instanceof HttpError && error.status === 429 ? 'rejected' : 'failed' });
    throw error;
  }
}
