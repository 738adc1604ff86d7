/**
 * Draws a rehearsal timeline as a standalone SVG: instances, average CPU with both thresholds,
 * request rate, p95 latency and errors, one panel each over a shared time axis.
 */
import type { RehearsalTimeline } from './timeline';

const WIDTH = 960;
const LEFT = 70;
const RIGHT = 30;
const PANEL_HEIGHT = 110;
const PANEL_GAP = 34;
/** Pixels above the first panel: the title, two summary lines and the legend note, 16 px apart. */
const TOP = 100;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;

const COLORS = {
  instances: '#1f5fbf',
  inRotation: '#7fa7e6',
  cpu: '#6a3d9a',
  scaleOut: '#c62828',
  scaleIn: '#2e7d32',
  rate: '#00796b',
  latency: '#ef6c00',
  errors: '#c62828',
  clientErrors: '#7b1fa2',
  load: '#eeeeee',
  drain: '#ffe0b2',
  grid: '#dddddd',
  text: '#222222',
};

interface Point {
  x: number;
  y: number;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function path(points: readonly Point[]): string {
  return points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x.toFixed(1)},${point.y.toFixed(1)}`).join(' ');
}

/** Rounds the top of an axis up to 1, 2 or 5 times a power of ten. */
function niceMaximum(value: number): number {
  if (!(value > 0)) {
    return 1;
  }
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * magnitude >= value) as number;
  return step * magnitude;
}

class Panel {
  constructor(
    readonly index: number,
    readonly title: string,
    readonly yMaximum: number,
    readonly endMs: number,
    /** Values with a grid line and a label; the default is 0, half and the maximum. */
    readonly ticks: readonly number[] = [0, yMaximum / 2, yMaximum],
  ) {}

  get top(): number {
    return TOP + this.index * (PANEL_HEIGHT + PANEL_GAP);
  }

  x(offsetMs: number): number {
    return LEFT + (Math.min(Math.max(offsetMs, 0), this.endMs) / this.endMs) * PLOT_WIDTH;
  }

  y(value: number): number {
    return this.top + PANEL_HEIGHT - (Math.min(Math.max(value, 0), this.yMaximum) / this.yMaximum) * PANEL_HEIGHT;
  }

  frame(): string {
    const lines = [
      `<text x="${LEFT}" y="${this.top - 8}" font-size="13" font-weight="bold" fill="${COLORS.text}">${escapeXml(this.title)}</text>`,
      `<rect x="${LEFT}" y="${this.top}" width="${PLOT_WIDTH}" height="${PANEL_HEIGHT}" fill="none" stroke="${COLORS.grid}"/>`,
    ];
    for (const value of this.ticks) {
      const y = this.y(value);
      lines.push(`<line x1="${LEFT}" x2="${LEFT + PLOT_WIDTH}" y1="${y}" y2="${y}" stroke="${COLORS.grid}" stroke-dasharray="2,3"/>`);
      lines.push(`<text x="${LEFT - 6}" y="${y + 4}" font-size="11" text-anchor="end" fill="${COLORS.text}">${format(value)}</text>`);
    }
    return lines.join('\n');
  }

  band(startMs: number, endMs: number, color: string): string {
    const x = this.x(startMs);
    return `<rect x="${x.toFixed(1)}" y="${this.top}" width="${Math.max(1, this.x(endMs) - x).toFixed(1)}" height="${PANEL_HEIGHT}" fill="${color}"/>`;
  }
}

/** Turns capacity changes into a step line: flat until each decision, then a jump. */
function stepPoints(panel: Panel, initial: number, changes: ReadonlyArray<{ offsetMs: number; value: number }>): Point[] {
  const points: Point[] = [{ x: panel.x(0), y: panel.y(initial) }];
  let current = initial;
  for (const change of changes) {
    points.push({ x: panel.x(change.offsetMs), y: panel.y(current) });
    points.push({ x: panel.x(change.offsetMs), y: panel.y(change.value) });
    current = change.value;
  }
  points.push({ x: panel.x(panel.endMs), y: panel.y(current) });
  return points;
}

function legend(x: number, y: number, items: ReadonlyArray<[string, string, string?]>): string {
  let cursor = x;
  return items
    .map(([label, color, dash]) => {
      const item =
        `<line x1="${cursor}" x2="${cursor + 18}" y1="${y}" y2="${y}" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>` +
        `<text x="${cursor + 22}" y="${y + 4}" font-size="11" fill="${COLORS.text}">${escapeXml(label)}</text>`;
      cursor += 30 + label.length * 6.2;
      return item;
    })
    .join('\n');
}

/** Returns the SVG document for a rehearsal timeline. */
export function renderTimelineSvg(timeline: RehearsalTimeline): string {
  const lastDecision = timeline.decisions[timeline.decisions.length - 1]?.offsetMs ?? 0;
  const lastTraffic = timeline.traffic[timeline.traffic.length - 1]?.offsetMs ?? 0;
  const endMs = Math.max(lastDecision, lastTraffic, timeline.loadEndOffsetMs, 1000);
  const bucketMs = timeline.traffic.length > 1 ? (timeline.traffic[1] as { offsetMs: number }).offsetMs : 1000;

  const maxInstances = Math.max(timeline.capacity.maximum, 1);
  const instanceTicks = Array.from({ length: maxInstances + 1 }, (_, count) => count).filter((count) => maxInstances <= 10 || count % 5 === 0);
  const instances = new Panel(0, 'Instances (capacity, and in rotation at the load balancer)', maxInstances, endMs, instanceTicks);
  const cpu = new Panel(1, 'Average Percentage CPU over the rule window (%)', 100, endMs);
  const maxRate = niceMaximum(Math.max(...timeline.traffic.map((point) => point.requestsPerSecond), 0));
  const rate = new Panel(2, 'Request rate (requests/s)', maxRate, endMs);
  const maxLatency = niceMaximum(Math.max(...timeline.traffic.map((point) => point.p95Ms ?? 0), 0));
  const latency = new Panel(3, 'p95 latency (ms)', maxLatency, endMs);
  const maxErrors = niceMaximum(Math.max(...timeline.traffic.map((point) => point.errors), ...timeline.clientErrors.map((period) => period.errors), 0));
  const errors = new Panel(4, 'Failed requests', maxErrors, endMs);
  const panels = [instances, cpu, rate, latency, errors];
  const height = TOP + panels.length * (PANEL_HEIGHT + PANEL_GAP) + 30;

  const body: string[] = [];
  for (const panel of panels) {
    body.push(panel.band(timeline.loadStartOffsetMs, timeline.loadEndOffsetMs, COLORS.load));
  }
  for (const drain of timeline.drains) {
    body.push(instances.band(drain.startOffsetMs, drain.endOffsetMs, COLORS.drain));
  }
  body.push(...panels.map((panel) => panel.frame()));

  const initial = timeline.decisions[0]?.currentCapacity ?? timeline.capacity.default;
  const capacityChanges = timeline.decisions.map((decision) => ({ offsetMs: decision.offsetMs, value: decision.newCapacity }));
  const rotationChanges = timeline.decisions.map((decision) => ({ offsetMs: decision.offsetMs, value: decision.inRotation }));
  body.push(`<path d="${path(stepPoints(instances, timeline.decisions[0]?.inRotation ?? initial, rotationChanges))}" fill="none" stroke="${COLORS.inRotation}" stroke-width="2" stroke-dasharray="5,3"/>`);
  body.push(`<path d="${path(stepPoints(instances, initial, capacityChanges))}" fill="none" stroke="${COLORS.instances}" stroke-width="2.5"/>`);
  for (const decision of timeline.decisions) {
    if (decision.newCapacity === decision.currentCapacity) {
      continue;
    }
    const out = decision.newCapacity > decision.currentCapacity;
    const x = instances.x(decision.offsetMs);
    const y = instances.y(decision.newCapacity);
    const triangle = out ? `${x - 5},${y - 4} ${x + 5},${y - 4} ${x},${y - 12}` : `${x - 5},${y + 4} ${x + 5},${y + 4} ${x},${y + 12}`;
    body.push(`<polygon points="${triangle}" fill="${out ? COLORS.scaleOut : COLORS.scaleIn}"><title>${escapeXml(decision.message)}</title></polygon>`);
  }

  const cpuPoints = timeline.decisions
    .filter((decision) => decision.windowCpu !== null)
    .map((decision) => ({ x: cpu.x(decision.offsetMs), y: cpu.y(decision.windowCpu as number) }));
  if (cpuPoints.length > 0) {
    body.push(`<path d="${path(cpuPoints)}" fill="none" stroke="${COLORS.cpu}" stroke-width="2"/>`);
  }
  for (const [threshold, color, label] of [
    [timeline.thresholds.scaleOut, COLORS.scaleOut, 'scale out above'],
    [timeline.thresholds.scaleIn, COLORS.scaleIn, 'scale in below'],
  ] as const) {
    if (threshold !== null) {
      const y = cpu.y(threshold);
      body.push(`<line x1="${LEFT}" x2="${LEFT + PLOT_WIDTH}" y1="${y}" y2="${y}" stroke="${color}" stroke-width="1.5" stroke-dasharray="6,4"/>`);
      body.push(`<text x="${LEFT + PLOT_WIDTH - 4}" y="${y - 4}" font-size="11" text-anchor="end" fill="${color}">${label} ${format(threshold)} %</text>`);
    }
  }

  const ratePoints = timeline.traffic.map((point) => ({ x: rate.x(point.offsetMs + bucketMs / 2), y: rate.y(point.requestsPerSecond) }));
  if (ratePoints.length > 0) {
    body.push(`<path d="${path(ratePoints)}" fill="none" stroke="${COLORS.rate}" stroke-width="2"/>`);
  }
  const latencyPoints = timeline.traffic
    .filter((point) => point.p95Ms !== null)
    .map((point) => ({ x: latency.x(point.offsetMs + bucketMs / 2), y: latency.y(point.p95Ms as number) }));
  if (latencyPoints.length > 0) {
    body.push(`<path d="${path(latencyPoints)}" fill="none" stroke="${COLORS.latency}" stroke-width="2"/>`);
  }
  for (const period of timeline.clientErrors) {
    const y = errors.y(period.errors);
    const x = errors.x(period.offsetMs);
    body.push(
      `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, errors.x(period.offsetMs + period.durationMs) - x - 1).toFixed(1)}" height="${(errors.top + PANEL_HEIGHT - y).toFixed(1)}" fill="none" stroke="${COLORS.clientErrors}" stroke-width="1.5"><title>${period.errors} client-side errors</title></rect>`,
    );
  }
  const barWidth = Math.max(1, (bucketMs / endMs) * PLOT_WIDTH - 1);
  for (const point of timeline.traffic.filter((candidate) => candidate.errors > 0)) {
    const y = errors.y(point.errors);
    body.push(`<rect x="${errors.x(point.offsetMs).toFixed(1)}" y="${y.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(errors.top + PANEL_HEIGHT - y).toFixed(1)}" fill="${COLORS.errors}"/>`);
  }

  const axisY = errors.top + PANEL_HEIGHT;
  const tickStepMs = niceMaximum(endMs / 10);
  for (let offsetMs = 0; offsetMs <= endMs; offsetMs += tickStepMs) {
    const x = errors.x(offsetMs);
    body.push(`<line x1="${x}" x2="${x}" y1="${axisY}" y2="${axisY + 4}" stroke="${COLORS.text}"/>`);
    body.push(`<text x="${x}" y="${axisY + 16}" font-size="11" text-anchor="middle" fill="${COLORS.text}">${format(offsetMs / 1000)} s</text>`);
  }

  const { summary } = timeline;
  const title = `Autoscale rehearsal: profile ${timeline.profile}, TIME_SCALE ${timeline.timeScale} (1 s here = ${format(timeline.timeScale)} s in Azure)`;
  const count = (value: number, noun: string): string => `${value} ${noun}${value === 1 ? '' : 's'}`;
  const scaling = `peak ${count(summary.peakInstances, 'instance')}, ${summary.scaleOuts} scale-out, ${summary.scaleIns} scale-in`;
  const traffic =
    `${count(summary.requests, 'request')}, failed: ${summary.failures} at the balancer (${summary.failuresDuringScaleIn} during scale-in), ` +
    `${summary.clientErrors} at the client`;
  const legendNote = `grey: load running; orange: an instance draining; ▲ scale-out, ▼ scale-in; CPU measure: ${timeline.cpuMeasure}`;

  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="DejaVu Sans, Arial, sans-serif">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="${LEFT}" y="20" font-size="15" font-weight="bold" fill="${COLORS.text}">${escapeXml(title)}</text>`,
    `<text x="${LEFT}" y="40" font-size="11" fill="${COLORS.text}">${escapeXml(scaling)}</text>`,
    `<text x="${LEFT}" y="56" font-size="11" fill="${COLORS.text}">${escapeXml(traffic)}</text>`,
    `<text x="${LEFT}" y="72" font-size="11" fill="${COLORS.text}">${escapeXml(legendNote)}</text>`,
    ...body,
    legend(LEFT + PLOT_WIDTH - 450, errors.top - 12, [
      ['5xx at the balancer, per bucket', COLORS.errors],
      ['client-side (Artillery), per 10 s', COLORS.clientErrors],
    ]),
    legend(LEFT + PLOT_WIDTH - 190, instances.top - 12, [
      ['capacity', COLORS.instances],
      ['in rotation', COLORS.inRotation, '5,3'],
    ]),
    `<text x="${LEFT + PLOT_WIDTH / 2}" y="${axisY + 34}" font-size="11" text-anchor="middle" fill="${COLORS.text}">seconds since the rehearsal started</text>`,
    `</svg>`,
    '',
  ].join('\n');
}
