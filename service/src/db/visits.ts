/** Queries on the `visits` table. */
import type { Knex } from 'knex';
import type { VisitInput } from '../validation';
import { withDatabase } from './unavailable';

const READ = { retryStaleConnection: true } as const;

export interface NewVisit extends VisitInput {
  instanceId: string;
  clientIp: string;
  userAgent: string | null;
}

/** A visit as listed publicly: the email address and client IP are not included. */
export interface RecentVisit {
  id: number;
  created_at: string;
  instance_id: string;
  name: string | null;
  company: string | null;
  purpose: string | null;
}

export interface InstanceSummary {
  instance_id: string;
  visits: number;
  last_seen: string;
}

/**
 * Converts a stored timestamp to ISO 8601: pg returns a Date, and Knex stores a
 * Date in SQLite as milliseconds since the epoch.
 */
function toIso(value: unknown): string {
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) {
    return new Date(Number(value)).toISOString();
  }
  return new Date(String(value)).toISOString();
}

export class VisitStore {
  constructor(private readonly db: Knex) {}

  /**
   * Inserts a visit, counts it in `instance_visits`, and returns its id with
   * the new total. The promise resolves only after the commit.
   */
  async register(visit: NewVisit): Promise<{ id: number; totalVisits: number }> {
    return withDatabase(() =>
      this.db.transaction(async (trx) => {
        const now = new Date();
        const [inserted] = await trx('visits')
          .insert({
            created_at: now,
            instance_id: visit.instanceId,
            client_ip: visit.clientIp,
            user_agent: visit.userAgent,
            name: visit.name,
            email: visit.email,
            company: visit.company,
            purpose: visit.purpose,
          })
          .returning('id');
        const id = typeof inserted === 'object' ? Number((inserted as { id: unknown }).id) : Number(inserted);
        // Each instance updates only its own row, so on PostgreSQL instances do not wait on each other's row locks.
        await trx('instance_visits')
          .insert({ instance_id: visit.instanceId, visits: 1, last_seen: now })
          .onConflict('instance_id')
          .merge({ visits: trx.raw('?? + 1', ['instance_visits.visits']), last_seen: now });
        const totalVisits = await this.totalIn(trx);
        return { id, totalVisits };
      }),
    );
  }

  async total(): Promise<number> {
    return withDatabase(() => this.totalIn(this.db), READ);
  }

  /** Lists the newest `limit` visits, newest first. */
  async recent(limit: number): Promise<RecentVisit[]> {
    const rows = await withDatabase(() =>
      this.db('visits')
        .select('id', 'created_at', 'instance_id', 'name', 'company', 'purpose')
        .orderBy([
          { column: 'created_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(limit),
      READ,
    );
    return rows.map((row) => ({
      id: Number(row.id),
      created_at: toIso(row.created_at),
      instance_id: row.instance_id,
      name: row.name,
      company: row.company,
      purpose: row.purpose,
    }));
  }

  /** Visits per instance id with the time of each instance's latest visit, sorted by instance id. */
  async instances(): Promise<InstanceSummary[]> {
    const rows = (await withDatabase(
      () => this.db('instance_visits').select('instance_id', 'visits', 'last_seen').orderBy('instance_id'),
      READ,
    )) as Array<{ instance_id: string; visits: unknown; last_seen: unknown }>;
    return rows.map((row) => ({
      instance_id: row.instance_id,
      visits: Number(row.visits),
      last_seen: toIso(row.last_seen),
    }));
  }

  private async totalIn(db: Knex | Knex.Transaction): Promise<number> {
    const row = await db('instance_visits').sum({ total: 'visits' }).first();
    // pg returns sum(bigint) as a string, and null when there are no rows.
    return Number(row?.total ?? 0);
  }
}
