/**
 * Replays a per-minute CPU series through the engine at a fixed evaluation interval, as
 * `explain` prints it. Every running instance reports one sample per minute.
 */
import type { AutoscaleSettingProperties } from '../model';
import type { AutoscaleDecision } from '../decision';
import type { AutoscaleState } from '../cooldown';
import type { MetricSample } from '../metric-aggregation';
import { evaluateAutoscale } from '../engine';

export const PERCENTAGE_CPU = 'Percentage CPU';
const MINUTE_MS = 60_000;

/**
 * Mapping of the series to instances. With `instance`, every instance reports the series value.
 * With `load`, the series is the CPU at the starting instance count, and each instance's CPU
 * changes in inverse proportion to the instance count, up to 100 %.
 */
export type CpuMode = 'instance' | 'load';

export interface ExplainRun {
  setting: AutoscaleSettingProperties;
  /** One CPU percentage per minute. */
  cpu: readonly number[];
  startInstances: number;
  evaluationIntervalSeconds: number;
  /** Epoch milliseconds of minute 0. */
  start: number;
  cpuMode: CpuMode;
  ingestionDelaySeconds?: number;
}

export interface TimelineStep {
  /** Milliseconds since minute 0. */
  offsetMs: number;
  /** CPU as the first Percentage CPU rule aggregated it over its window; undefined without data. */
  windowCpu?: number;
  decision: AutoscaleDecision;
}

function cpuFor(run: ExplainRun, minute: number, capacity: number): number {
  const value = run.cpu[minute] as number;
  if (run.cpuMode === 'instance' || capacity === 0) {
    return value;
  }
  return Math.min(100, (value * run.startInstances) / capacity);
}

function windowCpu(decision: AutoscaleDecision): number | undefined {
  const cpuRules = decision.rules.filter((evaluation) => evaluation.metric.metricName.toLowerCase() === PERCENTAGE_CPU.toLowerCase());
  const preferred = cpuRules.find((evaluation) => evaluation.rule.scaleAction.direction === 'Increase') ?? cpuRules[0];
  return preferred?.metric.value;
}

/** Runs the engine over the whole series and returns one step per evaluation. */
export function simulateExplain(run: ExplainRun): TimelineStep[] {
  if (!(run.evaluationIntervalSeconds > 0)) {
    throw new RangeError(`Invalid evaluation interval ${run.evaluationIntervalSeconds} s: expected a number of seconds greater than 0 (Azure runs every 30 to 60 s).`);
  }
  if (!Number.isInteger(run.startInstances) || run.startInstances < 0) {
    throw new RangeError(`Invalid instance count ${run.startInstances}: expected a whole number, zero or more.`);
  }

  const intervalMs = run.evaluationIntervalSeconds * 1000;
  const endMs = run.cpu.length * MINUTE_MS;
  const samples: MetricSample[] = [];
  const steps: TimelineStep[] = [];
  let capacity = run.startInstances;
  let state: AutoscaleState = {};
  let nextMinute = 0;

  for (let offsetMs = intervalMs; offsetMs <= endMs; offsetMs += intervalMs) {
    // Each minute's samples come from the instances running when it started, and become
    // readable once the minute is complete.
    while (nextMinute < run.cpu.length && (nextMinute + 1) * MINUTE_MS <= offsetMs) {
      const value = cpuFor(run, nextMinute, capacity);
      for (let instance = 0; instance < capacity; instance += 1) {
        samples.push({ instanceId: `instance-${instance}`, timestamp: run.start + nextMinute * MINUTE_MS, value });
      }
      nextMinute += 1;
    }

    const decision = evaluateAutoscale({
      setting: run.setting,
      samples: { [PERCENTAGE_CPU]: samples },
      currentCapacity: capacity,
      now: run.start + offsetMs,
      state,
      options: { ingestionDelayMs: (run.ingestionDelaySeconds ?? 0) * 1000 },
    });
    steps.push({ offsetMs, windowCpu: windowCpu(decision), decision });
    capacity = decision.newCapacity;
    state = decision.state;
  }
  return steps;
}
