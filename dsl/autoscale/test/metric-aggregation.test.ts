import type { MetricTrigger } from '../model';
import { aggregateMetric, type MetricSample } from '../metric-aggregation';
import { CPU, MINUTE, T0, cpuRule } from './fixtures';

function trigger(overrides: Partial<MetricTrigger> = {}): MetricTrigger {
  return { ...cpuRule({ direction: 'Increase', operator: 'GreaterThan', threshold: 70 }).metricTrigger, ...overrides };
}

/** Two instances over five minutes: vm0 reports 10, 20, 30, 40, 50 and vm1 reports 90 each minute. */
const twoInstances: MetricSample[] = [0, 1, 2, 3, 4].flatMap((minute) => [
  { instanceId: 'vm0', timestamp: T0 + minute * MINUTE, value: 10 * (minute + 1) },
  { instanceId: 'vm1', timestamp: T0 + minute * MINUTE, value: 90 },
]);
const now = T0 + 5 * MINUTE;

describe('aggregateMetric', () => {
  it('averages instances per grain, then grains over the window', () => {
    const result = aggregateMetric(trigger(), { [CPU]: twoInstances }, now, 2);

    expect(result.grains.map((grain) => grain.value)).toEqual([50, 55, 60, 65, 70]);
    expect(result.value).toBe(60);
    expect(result.windowStart).toBe(T0);
    expect(result.windowEnd).toBe(now);
  });

  it.each([
    ['Max', 'Average', 90],
    ['Min', 'Average', 30],
    ['Sum', 'Average', 120],
    ['Average', 'Maximum', 70],
    ['Average', 'Minimum', 50],
    ['Average', 'Total', 300],
    ['Average', 'Last', 70],
    ['Average', 'Count', 10],
    ['Count', 'Average', 2],
  ] as const)('combines with statistic %s and timeAggregation %s', (statistic, timeAggregation, expected) => {
    const result = aggregateMetric(trigger({ statistic, timeAggregation }), { [CPU]: twoInstances }, now, 2);

    expect(result.value).toBe(expected);
  });

  it('divides by the instance count with dividePerInstance', () => {
    const result = aggregateMetric(trigger({ statistic: 'Sum', dividePerInstance: true }), { [CPU]: twoInstances }, now, 4);

    expect(result.undividedValue).toBe(120);
    expect(result.dividedBy).toBe(4);
    expect(result.value).toBe(30);
  });

  it('counts only complete grains inside the window', () => {
    const late: MetricSample = { instanceId: 'vm0', timestamp: now + 10_000, value: 100 };
    const early: MetricSample = { instanceId: 'vm0', timestamp: T0 - MINUTE, value: 100 };

    const result = aggregateMetric(trigger(), { [CPU]: [...twoInstances, late, early] }, now + 30_000, 2);

    expect(result.windowEnd).toBe(now);
    expect(result.value).toBe(60);
  });

  it('shifts the window back by the ingestion delay', () => {
    const result = aggregateMetric(trigger(), { [CPU]: twoInstances }, now, 2, { ingestionDelayMs: 2 * MINUTE });

    expect(result.windowEnd).toBe(T0 + 3 * MINUTE);
    expect(result.grains.map((grain) => grain.value)).toEqual([50, 55, 60]);
    expect(result.value).toBe(55);
  });

  it('divides the grain and window by the time scale', () => {
    const scaled: MetricSample[] = [0, 1, 2, 3, 4].map((step) => ({ instanceId: 'vm0', timestamp: T0 + step * 2_000, value: step * 10 }));

    const result = aggregateMetric(trigger(), { [CPU]: scaled }, T0 + 10_000, 1, { timeScale: 30 });

    expect(result.windowEnd - result.windowStart).toBe(10_000);
    expect(result.grains).toHaveLength(5);
    expect(result.value).toBe(20);
  });

  it('averages several samples of one instance within a grain', () => {
    const perSecond: MetricSample[] = [20, 40, 60].map((value, second) => ({ instanceId: 'vm0', timestamp: T0 + second * 1000, value }));

    const result = aggregateMetric(trigger(), { [CPU]: perSecond }, T0 + MINUTE, 1);

    expect(result.grains).toEqual([{ start: T0, value: 40, instanceCount: 1, sampleCount: 3 }]);
  });

  it('matches the metric name without regard to case', () => {
    const result = aggregateMetric(trigger(), { 'percentage cpu': twoInstances }, now, 2);

    expect(result.value).toBe(60);
  });

  it('reports no value when the window has no samples', () => {
    const result = aggregateMetric(trigger(), { [CPU]: twoInstances }, now + 10 * MINUTE, 2);

    expect(result.grains).toEqual([]);
    expect(result.value).toBeUndefined();
  });

  it('rejects a grain longer than the window', () => {
    expect(() => aggregateMetric(trigger({ timeGrain: 'PT10M' }), {}, now, 1)).toThrow(/timeGrain PT10M.*timeWindow PT5M/);
  });
});
