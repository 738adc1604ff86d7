/** A small hand-written rehearsal timeline for the chart and report tests. */
import type { RehearsalTimeline, TimelineDecision } from '../timeline';

function decision(offsetMs: number, currentCapacity: number, newCapacity: number, windowCpu: number | null, reason: TimelineDecision['reason']): TimelineDecision {
  return {
    offsetMs,
    time: 1_700_000_000_000 + offsetMs,
    currentCapacity,
    stateBefore: {},
    sampleCount: 0,
    newCapacity,
    reason,
    message: `${reason} ${currentCapacity} → ${newCapacity}`,
    windowCpu,
    inRotation: currentCapacity,
  };
}

export function sampleTimeline(): RehearsalTimeline {
  return {
    profile: 'spike',
    timeScale: 30,
    cpuMeasure: 'demand',
    startedAt: '2026-01-05T00:00:00.000Z',
    startTime: 1_700_000_000_000,
    loadStartOffsetMs: 0,
    loadEndOffsetMs: 20_000,
    capacity: { minimum: 1, maximum: 5, default: 1 },
    thresholds: { scaleOut: 70, scaleIn: 30 },
    setting: { enabled: true, profiles: [] },
    decisions: [
      decision(2_000, 1, 1, null, 'MetricsMissing'),
      decision(4_000, 1, 1, 40, 'NoRuleFired'),
      decision(6_000, 1, 2, 85, 'ScaleOut'),
      decision(8_000, 2, 2, 90, 'Cooldown'),
      decision(16_000, 2, 3, 80, 'ScaleOut'),
      decision(26_000, 3, 2, 20, 'ScaleIn'),
      decision(36_000, 2, 1, 10, 'ScaleIn'),
    ],
    traffic: [0, 5_000, 10_000, 15_000, 20_000, 25_000, 30_000, 35_000].map((offsetMs, index) => ({
      offsetMs,
      requests: index < 4 ? 50 : 0,
      requestsPerSecond: index < 4 ? 10 : 0,
      p95Ms: index < 4 ? 100 * (index + 1) : null,
      errors: index === 2 ? 1 : 0,
    })),
    drains: [{ instanceId: 'instance-2', startOffsetMs: 26_000, endOffsetMs: 27_000, exitCode: 0 }],
    clientErrors: [{ offsetMs: 10_000, durationMs: 10_000, errors: 3 }],
    samples: [],
    summary: {
      peakInstances: 3,
      scaleOuts: 2,
      scaleIns: 2,
      timeToFirstScaleOutMs: 6_000,
      timeBackToMinimumMs: 20_000,
      requests: 200,
      failures: 1,
      failuresDuringScaleIn: 0,
      clientErrors: 0,
      clientErrorsByCode: {},
      artilleryExitCode: 0,
    },
  };
}
