/**
 * Percentage CPU of local instances, read from the operating system: the CPU time a process used
 * between two readings, divided by the wall time and by the cores the instance stands for.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { MetricSample } from '../../dsl/autoscale/metric-aggregation';

// Linux reports utime and stime in clock ticks, and USER_HZ is 100 on the mainstream architectures.
const CLOCK_TICKS_PER_SECOND = 100;
const NANOSECONDS_PER_SECOND = 1e9;

/**
 * Definition of busy time.
 * - `usage`: CPU time the process got (user + system), from /proc/<pid>/stat.
 * - `demand`: CPU time the process got plus the time its threads were runnable but waited for a
 *   core, from /proc/<pid>/task/<tid>/schedstat. On a machine shared by several instances (and
 *   other work), this is the CPU the instance would show on a vCPU of its own.
 */
export type CpuMeasure = 'usage' | 'demand';

/** CPU seconds (user + system, all threads) of a process, or undefined when it has exited. */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces, so fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * Seconds the threads of a process ran or waited on a run queue, summed over its threads, or
 * undefined when the process has exited or the kernel keeps no scheduler statistics.
 * NOTE: a thread that exits takes its time with it, so a reading can drop. The sampler clamps
 * such an interval to 0 %.
 */
export function processCpuDemandSeconds(pid: number): number | undefined {
  let total = 0;
  try {
    for (const thread of readdirSync(`/proc/${pid}/task`)) {
      try {
        const [running, waiting] = readFileSync(`/proc/${pid}/task/${thread}/schedstat`, 'utf8').trim().split(' ').map(Number);
        total += ((running as number) + (waiting as number)) / NANOSECONDS_PER_SECOND;
      } catch {
        // The thread exited between the listing and the read.
      }
    }
  } catch {
    return undefined;
  }
  return total;
}

/** Returns the reader for a measure. */
export function cpuReader(measure: CpuMeasure): (pid: number) => number | undefined {
  return measure === 'demand' ? processCpuDemandSeconds : processCpuSeconds;
}

interface Reading {
  time: number;
  cpuSeconds: number;
}

export class CpuSampler {
  private readonly last = new Map<string, Reading>();

  /**
   * @param cores CPU cores one instance stands for: 100 % means this many cores busy. A
   *   Standard_B1s VM has one vCPU, so the rehearsal gives each instance one worker thread and
   *   samples against one core.
   */
  constructor(
    private readonly cores: number,
    private readonly readCpuSeconds: (pid: number) => number | undefined = processCpuSeconds,
  ) {}

  /**
   * Reads every instance and returns one sample per instance that was also read last time,
   * stamped with the start of the interval it covers. Instances not passed are forgotten.
   */
  sample(instances: ReadonlyArray<{ id: string; pid: number }>, now: number): MetricSample[] {
    const samples: MetricSample[] = [];
    const seen = new Set<string>();

    for (const { id, pid } of instances) {
      const cpuSeconds = this.readCpuSeconds(pid);
      if (cpuSeconds === undefined) {
        continue;
      }
      seen.add(id);
      const previous = this.last.get(id);
      this.last.set(id, { time: now, cpuSeconds });
      if (!previous || now <= previous.time) {
        continue;
      }
      const busy = (cpuSeconds - previous.cpuSeconds) / ((now - previous.time) / 1000) / this.cores;
      samples.push({ instanceId: id, timestamp: previous.time, value: Math.min(100, Math.max(0, busy * 100)) });
    }

    for (const id of [...this.last.keys()]) {
      if (!seen.has(id)) {
        this.last.delete(id);
      }
    }
    return samples;
  }
}
