/**
 * Turns raw per-instance samples into the one value a rule compares with its threshold.
 * Per time grain, `statistic` combines the instances' values. `timeAggregation` then combines
 * the grains inside `timeWindow`. With `dividePerInstance`, the result is divided by the
 * instance count.
 * Source: https://learn.microsoft.com/azure/azure-monitor/autoscale/autoscale-best-practices#choose-the-appropriate-statistic-and-time-aggregation-for-your-diagnostics-metric
 * and https://learn.microsoft.com/azure/azure-monitor/autoscale/autoscale-understanding-settings#autoscale-setting-schema
 */
import type { MetricStatistic, MetricTrigger, TimeAggregation } from './model';
import { type EvaluationOptions, scaledDuration } from './evaluation-options';

/** One reading of a metric from one instance, such as its Percentage CPU over a second or a minute. */
export interface MetricSample {
  instanceId: string;
  /** Epoch milliseconds. */
  timestamp: number;
  value: number;
}

/** Samples by metric name. Names are matched without regard to case, as ARM does. */
export type MetricSamples = Readonly<Record<string, readonly MetricSample[]>>;

export interface GrainValue {
  /** Epoch milliseconds at which the grain starts. The grain ends one timeGrain later. */
  start: number;
  /** Result of `statistic` over the instances that reported in this grain. */
  value: number;
  instanceCount: number;
  sampleCount: number;
}

export interface AggregatedMetric {
  metricName: string;
  /** Epoch milliseconds, inclusive. */
  windowStart: number;
  /** Epoch milliseconds, exclusive. */
  windowEnd: number;
  grains: GrainValue[];
  /** Value compared with the threshold, or undefined when no sample fell inside the window. */
  value?: number;
  /** Value before `dividePerInstance`, when that option divided it. */
  undividedValue?: number;
  dividedBy?: number;
}

function average(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function applyStatistic(statistic: MetricStatistic, instanceValues: readonly number[], sampleCount: number): number {
  switch (statistic) {
    case 'Average':
      return average(instanceValues);
    case 'Min':
      return Math.min(...instanceValues);
    case 'Max':
      return Math.max(...instanceValues);
    case 'Sum':
      return instanceValues.reduce((sum, value) => sum + value, 0);
    case 'Count':
      return sampleCount;
  }
}

function applyTimeAggregation(aggregation: TimeAggregation, grains: readonly GrainValue[]): number {
  const values = grains.map((grain) => grain.value);
  switch (aggregation) {
    case 'Average':
      return average(values);
    case 'Minimum':
      return Math.min(...values);
    case 'Maximum':
      return Math.max(...values);
    case 'Total':
      return values.reduce((sum, value) => sum + value, 0);
    case 'Count':
      return grains.reduce((sum, grain) => sum + grain.sampleCount, 0);
    case 'Last':
      return values[values.length - 1] as number;
  }
}

/** Returns the samples of `metricName`, matching the name without regard to case. */
export function samplesFor(samples: MetricSamples, metricName: string): readonly MetricSample[] {
  const expected = metricName.toLowerCase();
  const key = Object.keys(samples).find((name) => name.toLowerCase() === expected);
  return key === undefined ? [] : (samples[key] ?? []);
}

/** Prefix of a sample list that is known to be in timestamp order (see `samplesBetween`). */
interface OrderCheck {
  checkedLength: number;
  sorted: boolean;
}

const orderChecks = new WeakMap<readonly MetricSample[], OrderCheck>();

/** Returns true when the timestamps never decrease, checking only what was appended since the last call. */
function isSortedByTime(list: readonly MetricSample[]): boolean {
  const check = orderChecks.get(list) ?? { checkedLength: 0, sorted: true };
  if (check.sorted && list.length < check.checkedLength) {
    // The list shrank, so it was edited in place: check it again from the start.
    check.checkedLength = 0;
  }
  for (let index = Math.max(1, check.checkedLength); check.sorted && index < list.length; index += 1) {
    if ((list[index] as MetricSample).timestamp < (list[index - 1] as MetricSample).timestamp) {
      check.sorted = false;
    }
  }
  check.checkedLength = list.length;
  orderChecks.set(list, check);
  return check.sorted;
}

/**
 * Returns the samples with `start <= timestamp < end`, possibly with a few outside.
 * Callers append samples in time order as they arrive, so a binary search finds the window and
 * each evaluation reads only its window: replaying a series costs time in proportion to its
 * length, not to its square. An unsorted list is returned whole, and the caller filters it.
 * NOTE: the order check assumes that samples are only appended. A list whose earlier samples are
 * replaced in place with other timestamps must be passed as a new array.
 */
export function samplesBetween(list: readonly MetricSample[], start: number, end: number): readonly MetricSample[] {
  if (!isSortedByTime(list)) {
    return list;
  }
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((list[middle] as MetricSample).timestamp < start) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  let last = low;
  while (last < list.length && (list[last] as MetricSample).timestamp < end) {
    last += 1;
  }
  return list.slice(low, last);
}

/**
 * Aggregates the samples of a rule's metric over its time window ending at `now`.
 * Grains are aligned to multiples of timeGrain since the epoch, and only complete grains count:
 * the window ends at the last grain boundary at or before `now - ingestionDelayMs`.
 */
export function aggregateMetric(
  trigger: MetricTrigger,
  samples: MetricSamples,
  now: number,
  instanceCount: number,
  options?: EvaluationOptions,
): AggregatedMetric {
  const grainMs = scaledDuration(trigger.timeGrain, options);
  const windowMs = scaledDuration(trigger.timeWindow, options);
  if (!(grainMs > 0) || !(windowMs >= grainMs)) {
    throw new RangeError(
      `Invalid metric trigger for "${trigger.metricName}": timeGrain ${trigger.timeGrain} must be positive and no longer than timeWindow ${trigger.timeWindow}.`,
    );
  }

  const windowEnd = Math.floor((now - (options?.ingestionDelayMs ?? 0)) / grainMs) * grainMs;
  const windowStart = windowEnd - windowMs;
  const byGrain = new Map<number, Map<string, number[]>>();
  for (const sample of samplesBetween(samplesFor(samples, trigger.metricName), windowStart, windowEnd)) {
    if (sample.timestamp < windowStart || sample.timestamp >= windowEnd || !Number.isFinite(sample.value)) {
      continue;
    }
    const grainStart = windowStart + Math.floor((sample.timestamp - windowStart) / grainMs) * grainMs;
    const instances = byGrain.get(grainStart) ?? new Map<string, number[]>();
    const values = instances.get(sample.instanceId) ?? [];
    values.push(sample.value);
    instances.set(sample.instanceId, values);
    byGrain.set(grainStart, instances);
  }

  // NOTE: several samples of one instance inside a grain are averaged into that instance's value,
  // because the platform's per-minute Percentage CPU of a VM is an average. Azure does not
  // document this step for other metrics.
  const grains: GrainValue[] = [...byGrain.entries()]
    .sort(([left], [right]) => left - right)
    .map(([start, instances]) => {
      const instanceValues = [...instances.values()].map(average);
      const sampleCount = [...instances.values()].reduce((sum, values) => sum + values.length, 0);
      return { start, value: applyStatistic(trigger.statistic, instanceValues, sampleCount), instanceCount: instances.size, sampleCount };
    });

  const result: AggregatedMetric = { metricName: trigger.metricName, windowStart, windowEnd, grains };
  if (grains.length === 0) {
    return result;
  }

  const aggregated = applyTimeAggregation(trigger.timeAggregation, grains);
  if (trigger.dividePerInstance) {
    const divisor = Math.max(instanceCount, 1);
    return { ...result, value: aggregated / divisor, undividedValue: aggregated, dividedBy: divisor };
  }
  return { ...result, value: aggregated };
}
