import { pickNumber, pickString, request, type JsonObject } from './api';
import { byId } from './dom';
import { formatFixed, setText } from './i18n';

let last: JsonObject | undefined;

// Accepted locations of each figure in the /api/metrics body, first match wins.
const paths = {
  processCpu: ['cpu.process_percent', 'cpu.process', 'process_cpu_percent', 'process.cpu_percent'],
  systemCpu: ['cpu.system_percent', 'cpu.system', 'system_cpu_percent', 'system.cpu_percent'],
  memory: ['memory.used_percent', 'memory.percent', 'memory_percent', 'system.memory_percent'],
  loadAverage: ['load_average.0', 'loadavg.0', 'load_average.one', 'system.load_average.0'],
  eventLoopLag: ['event_loop.lag_ms', 'event_loop_lag_ms', 'event_loop.lag_p99_ms', 'event_loop.delay_ms'],
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
