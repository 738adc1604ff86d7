/**
 * Reads Percentage CPU with `az monitor metrics list`, whose JSON is the
 * Azure Monitor Metrics_List response: `value[].timeseries[].data[]` with
 * `timeStamp` and one field per aggregation, `average` here (REST spec
 * specification/monitor/resource-manager/Microsoft.Insights/stable/2018-01-01/metrics_API.json
 * in github.com/Azure/azure-rest-api-specs).
 */
import type { AzRunner } from '../az';

interface MetricsResponse {
  value?: Array<{ timeseries?: Array<{ data?: Array<{ timeStamp?: string; average?: number | null }> }> }>;
}

export interface CpuReading {
  /** Latest one-minute average, or undefined when no sample arrived yet. */
  latest?: number;
  /** Mean of the one-minute averages in the window. */
  windowAverage?: number;
}

/** Parses an ISO 8601 duration of minutes or hours (PT5M, PT1H30M) into milliseconds. */
export function durationMs(iso: string): number {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(iso);
  if (!match) {
    throw new Error(`unsupported duration ${iso}: expected PT#H#M#S`);
  }
  const [, hours = '0', minutes = '0', seconds = '0'] = match;
  return ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000;
}

/** Queries one resource's Percentage CPU at one-minute grain over the window ending at `now`. */
export async function readCpu(az: AzRunner, resourceId: string, window: string, now: Date): Promise<CpuReading> {
  const start = new Date(now.getTime() - durationMs(window));
  const response = (await az([
    'monitor', 'metrics', 'list',
    '--resource', resourceId,
    '--metric', 'Percentage CPU',
    '--aggregation', 'Average',
    '--interval', 'PT1M',
    '--start-time', start.toISOString(),
    '--end-time', now.toISOString(),
  ])) as MetricsResponse | undefined;

  const samples = (response?.value?.[0]?.timeseries ?? [])
    .flatMap((series) => series.data ?? [])
    .filter((point): point is { timeStamp: string; average: number } => typeof point.average === 'number' && typeof point.timeStamp === 'string')
    .sort((a, b) => a.timeStamp.localeCompare(b.timeStamp));
  if (samples.length === 0) {
    return {};
  }
  const sum = samples.reduce((total, point) => total + point.average, 0);
  return { latest: samples.at(-1)?.average, windowAverage: sum / samples.length };
}
