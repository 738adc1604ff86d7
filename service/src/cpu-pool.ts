/**
 * The worker-thread pool that runs CPU work off the event loop, so `/health`
 * responds quickly even while every CPU is busy. The queue is bounded: when it
 * is full a task fails at once with OverloadedError (503) instead of waiting.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Piscina from 'piscina';
import type { DigestTask, StressResult, StressTask } from './cpu-worker';
import { HttpError, OverloadedError } from './errors';

export interface CpuPoolOptions {
  threads: number;
  maxQueue: number;
}

export interface CpuPoolStats {
  threads: number;
  queued: number;
  maxQueue: number;
  runningStressJobs: number;
  /** Fraction of time the threads were busy since the pool started, 0 to 1. */
  utilization: number;
}

const WORKER_YOUNG_GENERATION_MB = 4;

/** `worker.js` beside the bundle when it exists, else the TypeScript source. */
function workerFilename(): string {
  const bundled = join(__dirname, 'worker.js');
  return existsSync(bundled) ? bundled : join(__dirname, 'cpu-worker.ts');
}

export class CpuPool {
  private readonly piscina: Piscina;
  private readonly stressEnds = new Set<number>();
  private readonly options: CpuPoolOptions;

  constructor(options: CpuPoolOptions) {
    this.options = options;
    this.piscina = new Piscina({
      filename: workerFilename(),
      minThreads: options.threads,
      maxThreads: options.threads,
      maxQueue: options.maxQueue,
      // Threads stay up: starting one costs tens of milliseconds, too much at the start of a spike.
      idleTimeout: 2_147_483_647,
      // The digests allocate only short-lived strings: a small young generation keeps each thread's
      // resident memory low at no measurable cost in throughput.
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
  }

  /** Runs the visit digest in a worker thread. */
  async digest(task: DigestTask): Promise<string> {
    return (await this.run(task, 'digest')) as string;
  }

  /**
   * Runs one stress job. Each worker thread takes at most one, so a request
   * beyond that gets 429 with Retry-After set to when the first running job ends.
   */
  async stress(task: StressTask): Promise<StressResult> {
    if (this.stressEnds.size >= this.options.threads) {
      const firstEnd = Math.min(...this.stressEnds);
      const retryAfterSeconds = Math.max(1, Math.ceil((firstEnd - Date.now()) / 1000));
      throw new HttpError(
        429,
        `Every worker thread already runs a stress job (${this.options.threads}); retry after ${retryAfterSeconds} s`,
        undefined,
        { 'Retry-After': String(retryAfterSeconds) },
      );
    }
    // A unique end time keeps two jobs started in the same millisecond apart in the set.
    let end = Date.now() + task.durationMs;
    while (this.stressEnds.has(end)) {
      end += 1;
    }
    this.stressEnds.add(end);
    try {
      return (await this.run(task, 'stress')) as StressResult;
    } finally {
      this.stressEnds.delete(end);
    }
  }

  stats(): CpuPoolStats {
    return {
      threads: this.options.threads,
      queued: this.piscina.queueSize,
      maxQueue: this.options.maxQueue,
      runningStressJobs: this.stressEnds.size,
      utilization: this.piscina.utilization,
    };
  }

  /** Stops the threads. Tasks still queued fail. */
  async destroy(): Promise<void> {
    await this.piscina.destroy();
  }

  private async run(task: DigestTask | StressTask, name: 'digest' | 'stress'): Promise<unknown> {
    // Checked here as well as by piscina so the caller gets the typed 503 without parsing piscina's message.
    if (this.piscina.queueSize >= this.options.maxQueue) {
      throw new OverloadedError();
    }
    try {
      return await this.piscina.run(task, { name });
    } catch (error) {
      if ((error as { message?: unknown } | null)?.message === 'Task queue is at limit') {
        throw new OverloadedError();
      }
      throw error;
    }
  }
}
