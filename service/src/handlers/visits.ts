/** The visit routes: register a visit, list recent visits, and summarise visits per instance. */
import type { AppRouterContext } from '../context';
import { readJsonBody } from '../body';
import { parseIntegerParameter, parseVisitInput } from '../validation';

const USER_AGENT_MAX = 512;

/** POST /api/visit: runs the CPU work, then commits the visit, then returns 201. */
export async function registerVisit(ctx: AppRouterContext): Promise<void> {
  const { visits, pool, config, metrics } = ctx.services;
  const input = parseVisitInput(await readJsonBody(ctx));
  const clientIp = ctx.state.clientIp;

  // The work runs first: when the queue is full the request ends with 503 and no row is written.
  const validation = await pool.digest({ input: clientIp, rounds: config.visitWorkRounds });
  const userAgent = ctx.get('user-agent');
  const { id, totalVisits } = await visits.register({
    ...input,
    instanceId: config.instanceId,
    clientIp,
    userAgent: userAgent === '' ? null : userAgent.slice(0, USER_AGENT_MAX),
  });
  metrics.visitsRegistered.inc();

  ctx.status = 201;
  ctx.body = { id, total_visits: totalVisits, validation };
}

/** GET /api/visits?limit=N: the total and the newest N visits (1-100, default 10), plus the CPU work result. */
export async function listVisits(ctx: AppRouterContext): Promise<void> {
  const { visits, pool, config } = ctx.services;
  const limit = parseIntegerParameter(ctx.query, 'limit', { minimum: 1, maximum: 100, fallback: 10 });

  const [totalVisits, recentVisits] = await Promise.all([visits.total(), visits.recent(limit)]);
  const computed = await pool.digest({ input: `${totalVisits}`, rounds: config.visitsWorkRounds });

  ctx.body = { total_visits: totalVisits, recent_visits: recentVisits, computed };
}

/** GET /api/instances: visits per instance id and when each was last seen. */
export async function listInstances(ctx: AppRouterContext): Promise<void> {
  const instances = await ctx.services.visits.instances();
  ctx.body = { instances };
}
