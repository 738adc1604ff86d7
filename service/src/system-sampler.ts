/**
 * Samples process and system CPU use without blocking: each call compares
 * the counters with those of the previous call (or of process start), so the
 * figures cover the interval between the two.
 */
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { monitorEventLoopDelay, performance, type EventLoopUtilization } from 'node:perf_hooks';

interface Snapshot {
  at: number;
  processCpu: NodeJS.CpuUsage;
  systemIdle: number;
  systemTotal: number;
  elu: EventLoopUtilization;
}

export interface SystemSample {
  interval_ms: number;
  /** CPU time of this process over the interval, as a percentage of all CPUs. */
  process_cpu_percent: number;
  system_cpu_percent: number;
  memory_percent: number;
  process_rss_bytes: number;
  /** V8 heap in use and native memory held by JavaScript objects (buffers), of the main thread. */
  heap_used_bytes: number;
  external_bytes: number;
  load_average: [number, number, number];
  event_loop_lag_ms: { mean: number; p99: number; max: number };
  event_loop_utilization: number;
  cpu_count: number;
}

// Samples closer together than this repeat the previous figures instead of dividing by a tiny interval.
const MINIMUM_INTERVAL_MS = 500;

function systemTimes(): { idle: number; total: number } {
  let idle = 0;
  let total = 0;
  for (const cpu of cpus()) {
    const times = cpu.times;
    idle += times.idle;
    total += times.user + times.nice + times.sys + times.idle + times.irq;
  }
  return { idle, total };
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export class SystemSampler {
  private previous: Snapshot;
  private last: SystemSample | undefined;
  private readonly lag: ReturnType<typeof monitorEventLoopDelay>;

  constructor() {
    this.previous = {
      at: performance.timeOrigin,
      processCpu: { user: 0, system: 0 },
      systemIdle: 0,
      systemTotal: 0,
      elu: performance.eventLoopUtilization(),
    };
    this.lag = monitorEventLoopDelay({ resolution: 20 });
    this.lag.enable();
  }

  sample(): SystemSample {
    const now = Date.now();
    if (this.last && now - this.previous.at < MINIMUM_INTERVAL_MS) {
      return this.last;
    }

    const times = systemTimes();
    const current: Snapshot = {
      at: now,
      processCpu: process.cpuUsage(),
      systemIdle: times.idle,
      systemTotal: times.total,
      elu: performance.eventLoopUtilization(),
    };
    const intervalMs = current.at - this.previous.at;
    const cpuCount = cpus().length;
    const processMicros =
      current.processCpu.user - this.previous.processCpu.user + current.processCpu.system - this.previous.processCpu.system;
    const systemTotal = current.systemTotal - this.previous.systemTotal;
    const systemIdle = current.systemIdle - this.previous.systemIdle;
    const elu = performance.eventLoopUtilization(current.elu, this.previous.elu);
    const memory = process.memoryUsage();

    this.last = {
      interval_ms: Math.round(intervalMs),
      process_cpu_percent: round((processMicros / 1000 / intervalMs / cpuCount) * 100),
      system_cpu_percent: systemTotal > 0 ? round((1 - systemIdle / systemTotal) * 100) : 0,
      memory_percent: round((1 - freemem() / totalmem()) * 100),
      process_rss_bytes: memory.rss,
      heap_used_bytes: memory.heapUsed,
      external_bytes: memory.external,
      load_average: loadavg().map((value) => round(value, 2)) as [number, number, number],
      event_loop_lag_ms: {
        mean: round(this.lag.mean / 1e6, 2),
        p99: round(this.lag.percentile(99) / 1e6, 2),
        max: round(this.lag.max / 1e6, 2),
      },
      event_loop_utilization: round(elu.utilization, 3),
      cpu_count: cpuCount,
    };
    this.lag.reset();
    this.previous = current;
    return this.last;
  }

  stop(): void {
    this.lag.disable();
  }
}
