/**
 * Checks the database in the background at a fixed interval through the
 * connection pool, so `/health` reports the last result without opening a
 * connection per probe.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { unavailableCode } from './unavailable';

export interface DatabaseStatus {
  status: 'up' | 'down' | 'unknown';
  /** Round trip of the last `select 1`, in milliseconds. */
  latency_ms: number | null;
  checked_at: string | null;
  error?: string;
}

export class DatabaseMonitor {
  private current: DatabaseStatus = { status: 'unknown', latency_ms: null, checked_at: null };
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly db: Knex,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  status(): DatabaseStatus {
    return this.current;
  }

  /** Runs one check now and then one every interval until stop(). */
  start(): void {
    this.stopped = false;
    void this.check();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Runs one check and returns its result. */
  async check(): Promise<DatabaseStatus> {
    clearTimeout(this.timer);
    const started = performance.now();
    const previous = this.current.status;
    try {
      await this.db.raw('select 1');
      this.current = {
        status: 'up',
        latency_ms: Math.round((performance.now() - started) * 100) / 100,
        checked_at: new Date().toISOString(),
      };
      if (previous === 'down') {
        this.logger.info('database reachable again');
      }
    } catch (error) {
      const code = unavailableCode(error) ?? (error as { code?: string }).code ?? 'ERROR';
      this.current = {
        status: 'down',
        latency_ms: Math.round((performance.now() - started) * 100) / 100,
        checked_at: new Date().toISOString(),
        error: code,
      };
      if (previous !== 'down') {
        this.logger.error({ err: error, code }, 'database check failed');
      }
    }
    if (!this.stopped) {
      this.timer = setTimeout(() => void this.check(), this.intervalMs);
      this.timer.unref();
    }
    return this.current;
  }
}
