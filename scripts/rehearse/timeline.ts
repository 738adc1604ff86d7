/** Records of a rehearsal, and the figures derived from them. */
import type { CalibrationResult } from './calibration';
import type { AutoscaleSettingProperties } from '../../dsl/autoscale/model';
import type { AutoscaleState } from '../../dsl/autoscale/cooldown';
import type { DecisionReason } from '../../dsl/autoscale/decision';
import type { MetricSample } from '../../dsl/autoscale/metric-aggregation';
import type { RequestRecord } from './load-balancer';

/** One engine run, with the inputs needed to run it again. */
export interface TimelineDecision {
  /** Milliseconds since the rehearsal started. */
  offsetMs: number;
  /** Epoch milliseconds passed to the engine as `now`. */
  time: number;
  currentCapacity: number;
  stateBefore: AutoscaleState;
  /** How many of the timeline's `samples`, from the first, the engine had read. */
  sampleCount: number;
  newCapacity: number;
  reason: DecisionReason;
  message: string;
  /** CPU of the first scale-out rule over its window; null without data. */
  windowCpu: number | null;
  /** Instances the load balancer was sending traffic to at that moment. */
  inRotation: number;
}

/** Traffic through the load balancer in one bucket of time. */
export interface TrafficPoint {
  offsetMs: number;
  requests: number;
  requestsPerSecond: number;
  /** Null when the bucket had no request. */
  p95Ms: number | null;
  /** Requests that got a 5xx from the balancer or an instance, or failed with a network error. */
  errors: number;
}

/** A scale-in of one instance: from leaving rotation to the process exit. */
export interface DrainPeriod {
  instanceId: string;
  startOffsetMs: number;
  endOffsetMs: number;
  exitCode: number | null;
}

/** Errors Artillery counted in one of its reporting periods (timeouts, resets). */
export interface ClientErrorPeriod {
  offsetMs: number;
  durationMs: number;
  errors: number;
}

export interface RehearsalSummary {
  peakInstances: number;
  scaleOuts: number;
  scaleIns: number;
  /** Milliseconds from the start of the load to the first scale-out; null when none happened. */
  timeToFirstScaleOutMs: number | null;
  /** Milliseconds from the last scale-out until the capacity was back at the minimum; null when it never was. */
  timeBackToMinimumMs: number | null;
  requests: number;
  failures: number;
  /** Failed requests that were in flight while an instance was draining. */
  failuresDuringScaleIn: number;
  /** Errors Artillery saw on the client side, such as timeouts (its `errors.*` counters). */
  clientErrors: number;
  /** The same errors by Artillery's code, such as `ERR_SOCKET_TIMEOUT`. */
  clientErrorsByCode: Record<string, number>;
  /** Exit code of `artillery run`: 0 when its ensure checks passed. */
  artilleryExitCode: number;
}

export interface RehearsalTimeline {
  profile: string;
  timeScale: number;
  cpuMeasure: 'usage' | 'demand';
  startedAt: string;
  /** Epoch milliseconds of offset 0. */
  startTime: number;
  loadStartOffsetMs: number;
  loadEndOffsetMs: number;
  capacity: { minimum: number; maximum: number; default: number };
  thresholds: { scaleOut: number | null; scaleIn: number | null };
  setting: AutoscaleSettingProperties;
  decisions: TimelineDecision[];
  traffic: TrafficPoint[];
  drains: DrainPeriod[];
  clientErrors: ClientErrorPeriod[];
  /** Every Percentage CPU sample the engine read. */
  samples: MetricSample[];
  /** Present when the arrival rates were sized for this machine before the run. */
  calibration?: CalibrationResult;
  summary: RehearsalSummary;
}

function percentile(sorted: readonly number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] as number;
}

export function isFailure(record: RequestRecord): boolean {
  return record.status >= 500 || record.error !== undefined;
}

/** Groups request records into buckets of `bucketMs`, from offset 0 to `endOffsetMs`. */
export function trafficSeries(records: readonly RequestRecord[], startTime: number, endOffsetMs: number, bucketMs: number): TrafficPoint[] {
  const buckets = Math.max(1, Math.ceil(endOffsetMs / bucketMs));
  const durations: number[][] = Array.from({ length: buckets }, () => []);
  const errors = new Array<number>(buckets).fill(0);

  for (const record of records) {
    const bucket = Math.floor((record.start - startTime) / bucketMs);
    if (bucket < 0 || bucket >= buckets) {
      continue;
    }
    (durations[bucket] as number[]).push(record.durationMs);
    if (isFailure(record)) {
      errors[bucket] = (errors[bucket] as number) + 1;
    }
  }

  return durations.map((values, bucket) => {
    const sorted = [...values].sort((left, right) => left - right);
    return {
      offsetMs: bucket * bucketMs,
      requests: values.length,
      requestsPerSecond: values.length / (bucketMs / 1000),
      p95Ms: sorted.length > 0 ? percentile(sorted, 0.95) : null,
      errors: errors[bucket] as number,
    };
  });
}

/** Counts failed requests whose lifetime overlapped a drain period. */
export function failuresDuringDrains(records: readonly RequestRecord[], startTime: number, drains: readonly DrainPeriod[]): number {
  return records.filter((record) => {
    if (!isFailure(record)) {
      return false;
    }
    const begin = record.start - startTime;
    const end = begin + record.durationMs;
    return drains.some((drain) => begin <= drain.endOffsetMs && end >= drain.startOffsetMs);
  }).length;
}

/** Derives the summary figures from the decisions and the traffic. */
export function summarise(
  decisions: readonly TimelineDecision[],
  records: readonly RequestRecord[],
  startTime: number,
  drains: readonly DrainPeriod[],
  load: { startOffsetMs: number; endOffsetMs: number; artilleryExitCode: number; clientErrors: number; clientErrorsByCode?: Record<string, number> },
  minimum: number,
): RehearsalSummary {
  const scaleOuts = decisions.filter((decision) => decision.newCapacity > decision.currentCapacity);
  const scaleIns = decisions.filter((decision) => decision.newCapacity < decision.currentCapacity);
  const firstScaleOut = scaleOuts.find((decision) => decision.offsetMs >= load.startOffsetMs);
  const lastScaleOut = scaleOuts[scaleOuts.length - 1];
  const backAtMinimum = lastScaleOut && decisions.find((decision) => decision.offsetMs > lastScaleOut.offsetMs && decision.newCapacity <= minimum);
  const capacities = decisions.flatMap((decision) => [decision.currentCapacity, decision.newCapacity]);

  return {
    peakInstances: capacities.length > 0 ? Math.max(...capacities) : 0,
    scaleOuts: scaleOuts.length,
    scaleIns: scaleIns.length,
    timeToFirstScaleOutMs: firstScaleOut ? firstScaleOut.offsetMs - load.startOffsetMs : null,
    timeBackToMinimumMs: lastScaleOut && backAtMinimum ? backAtMinimum.offsetMs - lastScaleOut.offsetMs : null,
    requests: records.length,
    failures: records.filter(isFailure).length,
    failuresDuringScaleIn: failuresDuringDrains(records, startTime, drains),
    clientErrors: load.clientErrors,
    clientErrorsByCode: load.clientErrorsByCode ?? {},
    artilleryExitCode: load.artilleryExitCode,
  };
}
