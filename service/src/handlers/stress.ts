/** GET or POST /api/stress: burns CPU in one worker thread for a while, so that load drives the CPU metric. */
import type { AppRouterContext } from '../context';
import { readJsonBody } from '../body';
import { HttpError, ValidationError } from '../errors';
import { parseIntegerParameter } from '../validation';

export const STRESS_DURATION = { minimum: 1, maximum: 120, fallback: 60 } as const;
export const STRESS_INTENSITY = { minimum: 1, maximum: 100, fallback: 100 } as const;

const STRESS_RULES = { duration: STRESS_DURATION, intensity: STRESS_INTENSITY } as const;
type StressParameter = keyof typeof STRESS_RULES;

async function readBody(ctx: AppRouterContext): Promise<Record<string, unknown>> {
  if (ctx.method !== 'POST') {
    return {};
  }
  const body = await readJsonBody(ctx);
  if (body === undefined) {
    return {};
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError('Request body must be a JSON object', [{ field: 'body', message: 'must be a JSON object such as {"duration": 30}' }]);
  }
  for (const key of Object.keys(body)) {
    if (!Object.hasOwn(STRESS_RULES, key)) {
      throw new ValidationError('Invalid stress request', [{ field: key, message: 'unknown field; expected duration, intensity' }]);
    }
  }
  return body as Record<string, unknown>;
}

/**
 * Reads one parameter from the query or the JSON body. A body value must be a
 * JSON number, because a string there is a client bug rather than URL text.
 * Given in both places, the two values must be equal.
 */
function readParameter(query: AppRouterContext['query'], body: Record<string, unknown>, name: StressParameter): number {
  const rule = STRESS_RULES[name];
  const fromQuery = parseIntegerParameter(query, name, rule);
  if (!Object.hasOwn(body, name)) {
    return fromQuery;
  }

  const raw = body[name];
  if (typeof raw !== 'number') {
    throw new ValidationError(`Invalid parameter ${name}`, [
      { field: name, message: `must be a JSON number from ${rule.minimum} to ${rule.maximum}, got ${JSON.stringify(raw)}` },
    ]);
  }
  const fromBody = parseIntegerParameter(body, name, rule);
  if (query[name] !== undefined && fromQuery !== fromBody) {
    throw new ValidationError(`Conflicting parameter ${name}`, [
      { field: name, message: `is ${fromQuery} in the query but ${fromBody} in the body; give it once, or the same value in both` },
    ]);
  }
  return fromBody;
}

export async function stress(ctx: AppRouterContext): Promise<void> {
  const { config, pool, metrics } = ctx.services;
  if (!config.stressEnabled) {
    throw new HttpError(404, 'Not found: /api/stress is switched off on this instance (STRESS_ENABLED=false)', [
      { field: 'STRESS_ENABLED', message: 'is false on this instance, so /api/stress is switched off' },
    ]);
  }
  const body = await readBody(ctx);
  const duration = readParameter(ctx.query, body, 'duration');
  const intensity = readParameter(ctx.query, body, 'intensity');

  try {
    const result = await pool.stress({ durationMs: duration * 1000, intensity });
    metrics.stressJobs.inc({ outcome: 'completed' });
    ctx.body = { duration_s: duration, intensity, operations: result.operations, elapsed_ms: result.elapsedMs };
  } catch (error) {
    metrics.stressJobs.inc({ outcome: error instanceof HttpError && error.status === 429 ? 'rejected' : 'failed' });
    throw error;
  }
}
