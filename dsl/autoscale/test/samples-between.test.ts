import { aggregateMetric, type MetricSample, samplesBetween } from '../metric-aggregation';
import { CPU, MINUTE, T0, cpuRule } from './fixtures';

function minutes(...values: number[]): MetricSample[] {
  return values.map((minute) => ({ instanceId: 'vm0', timestamp: T0 + minute * MINUTE, value: minute }));
}

function stamps(samples: readonly MetricSample[]): number[] {
  return samples.map((sample) => (sample.timestamp - T0) / MINUTE);
}

describe('samplesBetween', () => {
  it('returns the window of a sorted list', () => {
    const list = minutes(0, 1, 2, 2, 3, 4, 5);

    expect(stamps(samplesBetween(list, T0 + 2 * MINUTE, T0 + 4 * MINUTE))).toEqual([2, 2, 3]);
    expect(stamps(samplesBetween(list, T0 + 9 * MINUTE, T0 + 10 * MINUTE))).toEqual([]);
    expect(stamps(samplesBetween(list, T0 - MINUTE, T0 + MINUTE))).toEqual([0]);
  });

  it('returns an unsorted list whole', () => {
    const list = minutes(3, 1, 2);

    expect(stamps(samplesBetween(list, T0 + 2 * MINUTE, T0 + 3 * MINUTE))).toEqual([3, 1, 2]);
  });

  it('notices an out-of-order sample appended later', () => {
    const list = minutes(0, 1, 2, 3);
    expect(stamps(samplesBetween(list, T0 + MINUTE, T0 + 2 * MINUTE))).toEqual([1]);

    list.push(...minutes(1));

    expect(stamps(samplesBetween(list, T0 + MINUTE, T0 + 2 * MINUTE))).toEqual([0, 1, 2, 3, 1]);
  });

  it('gives aggregateMetric the same value for sorted and unsorted samples', () => {
    const trigger = cpuRule({ direction: 'Increase', operator: 'GreaterThan', threshold: 70 }).metricTrigger;
    const sorted = minutes(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    const shuffled = minutes(9, 2, 7, 0, 5, 3, 8, 1, 6, 4);
    const now = T0 + 10 * MINUTE;

    const fromSorted = aggregateMetric(trigger, { [CPU]: sorted }, now, 1);
    const fromShuffled = aggregateMetric(trigger, { [CPU]: shuffled }, now, 1);

    expect(fromSorted.value).toBe(7);
    expect(fromShuffled.value).toBe(7);
    expect(fromSorted.grains).toEqual(fromShuffled.grains);
  });
});
