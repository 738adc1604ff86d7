import { pickNumber, pickString, request, type JsonObject } from './api';
import { byId } from './dom';
import { formatFixed, setText } from './i18n';

let last: JsonObject | undefined;

// Locations of each figure in the /api/metrics body.
const paths = {
  processCpu: ['process_cpu_percent'],
  systemCpu: ['system_cpu_percent'],
  memory: ['memory_percent'],
  loadAverage: ['load_average.0'],
  eventLoopLag: ['event_loop_lag_ms.p99'],
};

function showPercent(id: string, value: number | undefined): void {
  const meter = byId<HTMLMeterElement>(id);
  meter.value = value ?? 0;
  byId(`${id}-text`).textContent = value === undefined ? '–' : `${formatFixed(value, 1)} %`;
}

/** Redraws the figures of the last response in the current language. */
export function renderMetrics(): void {
  if (!last) {
    return;
  }
  showPercent('metric-process-cpu', pickNumber(last, paths.processCpu));
  showPercent('metric-system-cpu', pickNumber(last, paths.systemCpu));
  showPercent('metric-memory', pickNumber(last, paths.memory));

  const loadAverage = pickNumber(last, paths.loadAverage);
  byId('metric-load-average').textContent = loadAverage === undefined ? '–' : formatFixed(loadAverage, 2);
  const lag = pickNumber(last, paths.eventLoopLag);
  byId('metric-event-loop-lag').textContent = lag === undefined ? '–' : `${formatFixed(lag, 1)} ms`;

  setText(byId('metrics-source'), 'metrics.source', { instance: pickString(last, ['instance_id']) ?? '?' });
}

/** Fetches /api/metrics; returns false when the request failed. */
export async function refreshMetrics(): Promise<boolean> {
  const response = await request('GET', '/api/metrics');
  if (!response.ok) {
    return false;
  }
  last = response.body;
  renderMetrics();
  return true;
}
