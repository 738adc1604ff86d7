import type { RequestRecord } from '../load-balancer';
import { failuresDuringDrains, summarise, trafficSeries } from '../timeline';
import { sampleTimeline } from './sample-timeline';

const start = 1_000_000;

function record(offsetMs: number, durationMs: number, status: number, error?: string): RequestRecord {
  return { start: start + offsetMs, durationMs, status, instanceId: 'instance-0', error };
}

describe('trafficSeries', () => {
  it('buckets requests with rate, p95 and errors', () => {
    const records = [record(100, 10, 200), record(200, 20, 200), record(900, 30, 502, 'socket hang up'), record(1_500, 40, 200)];

    const series = trafficSeries(records, start, 2_000, 1_000);

    expect(series).toEqual([
      { offsetMs: 0, requests: 3, requestsPerSecond: 3, p95Ms: 30, errors: 1 },
      { offsetMs: 1_000, requests: 1, requestsPerSecond: 1, p95Ms: 40, errors: 0 },
    ]);
  });

  it('reports no p95 for an empty bucket', () => {
    expect(trafficSeries([], start, 1_000, 1_000)).toEqual([{ offsetMs: 0, requests: 0, requestsPerSecond: 0, p95Ms: null, errors: 0 }]);
  });
});

describe('failuresDuringDrains', () => {
  it('counts failed requests that overlap a drain', () => {
    const drains = [{ instanceId: 'instance-1', startOffsetMs: 1_000, endOffsetMs: 2_000, exitCode: 0 }];
    const records = [record(500, 600, 503), record(2_500, 10, 502), record(1_500, 10, 200)];

    expect(failuresDuringDrains(records, start, drains)).toBe(1);
  });
});

describe('summarise', () => {
  it('derives the figures from decisions and traffic', () => {
    const { decisions, drains } = sampleTimeline();
    const records = [record(1_000, 5, 200), record(2_000, 5, 500)];

    const summary = summarise(decisions, records, start, drains, { startOffsetMs: 0, endOffsetMs: 20_000, artilleryExitCode: 0, clientErrors: 2, clientErrorsByCode: { ECONNRESET: 2 } }, 1);

    expect(summary).toEqual({
      peakInstances: 3,
      scaleOuts: 2,
      scaleIns: 2,
      timeToFirstScaleOutMs: 6_000,
      timeBackToMinimumMs: 20_000,
      requests: 2,
      failures: 1,
      failuresDuringScaleIn: 0,
      clientErrors: 2,
      clientErrorsByCode: { ECONNRESET: 2 },
      artilleryExitCode: 0,
    });
  });
});
