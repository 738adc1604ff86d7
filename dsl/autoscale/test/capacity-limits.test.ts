/**
 * Minimum and maximum apply on every run; default applies only when metrics are missing.
 * https://learn.microsoft.com/azure/azure-monitor/autoscale/autoscale-best-practices#manual-scaling-is-reset-by-autoscale-minimum-and-maximum
 * https://learn.microsoft.com/azure/azure-monitor/autoscale/autoscale-best-practices#always-select-a-safe-default-instance-count
 */
import type { AutoscaleState } from '../cooldown';
import { evaluateAutoscale } from '../engine';
import { MINUTE, T0, cpuSamples, cpuSetting, steady } from './fixtures';

const now = T0 + 10 * MINUTE;
const setting = cpuSetting({
  out: { operator: 'GreaterThan', threshold: 70, value: '4' },
  in: { operator: 'LessThan', threshold: 30, value: '4' },
  limits: [3, 6, 4],
});
const moderate = cpuSamples(steady(6, 50, T0, now));

describe('capacity limits', () => {
  it('raises a capacity below the minimum to the minimum', () => {
    const decision = evaluateAutoscale({ setting, samples: moderate, currentCapacity: 1, now, state: {} });

    expect(decision.reason).toBe('BelowMinimum');
    expect(decision.newCapacity).toBe(3);
    expect(decision.clamped).toEqual({ requested: 1, limit: 'minimum', to: 3 });
  });

  it('lowers a capacity above the maximum to the maximum, even during a cooldown', () => {
    const state: AutoscaleState = { lastScaleAction: { time: now - MINUTE, direction: 'Increase', cooldown: 'PT5M' } };

    const decision = evaluateAutoscale({ setting, samples: moderate, currentCapacity: 8, now, state });

    expect(decision.reason).toBe('AboveMaximum');
    expect(decision.newCapacity).toBe(6);
    expect(decision.state).toBe(state);
  });

  it('holds a scale-out at the maximum', () => {
    const decision = evaluateAutoscale({ setting, samples: cpuSamples(steady(4, 90, T0, now)), currentCapacity: 4, now, state: {} });

    expect(decision.reason).toBe('ScaleOut');
    expect(decision.newCapacity).toBe(6);
    expect(decision.clamped).toEqual({ requested: 8, limit: 'maximum', to: 6 });
  });

  it('reports AtMaximum when already at the maximum', () => {
    const decision = evaluateAutoscale({ setting, samples: cpuSamples(steady(6, 90, T0, now)), currentCapacity: 6, now, state: {} });

    expect(decision.reason).toBe('AtMaximum');
    expect(decision.newCapacity).toBe(6);
    expect(decision.state).toEqual({});
  });

  it('holds a scale-in at the minimum', () => {
    const decision = evaluateAutoscale({ setting, samples: cpuSamples(steady(5, 5, T0, now)), currentCapacity: 5, now, state: {} });

    expect(decision.reason).toBe('ScaleIn');
    expect(decision.newCapacity).toBe(3);
    expect(decision.clamped).toEqual({ requested: 1, limit: 'minimum', to: 3 });
  });

  it('reports AtMinimum when already at the minimum', () => {
    const decision = evaluateAutoscale({ setting, samples: cpuSamples(steady(3, 5, T0, now)), currentCapacity: 3, now, state: {} });

    expect(decision.reason).toBe('AtMinimum');
    expect(decision.newCapacity).toBe(3);
  });
});

describe('missing metrics', () => {
  it('raises a capacity below the default to the default', () => {
    const decision = evaluateAutoscale({ setting, samples: {}, currentCapacity: 3, now, state: {} });

    expect(decision.reason).toBe('MetricsMissing');
    expect(decision.metricsMissing).toEqual(['Percentage CPU']);
    expect(decision.defaultCapacityUsed).toBe(true);
    expect(decision.newCapacity).toBe(4);
    expect(decision.message).toBe('scale out 3 → 4 (default capacity): no data for Percentage CPU');
  });

  it('keeps a capacity above the default', () => {
    const decision = evaluateAutoscale({ setting, samples: {}, currentCapacity: 5, now, state: {} });

    expect(decision.reason).toBe('MetricsMissing');
    expect(decision.defaultCapacityUsed).toBe(false);
    expect(decision.newCapacity).toBe(5);
  });

  it('treats samples older than the window as missing', () => {
    const decision = evaluateAutoscale({ setting, samples: moderate, currentCapacity: 3, now: now + 30 * MINUTE, state: {} });

    expect(decision.metricsMissing).toEqual(['Percentage CPU']);
    expect(decision.newCapacity).toBe(4);
  });

  it('does not use the default while metrics are present', () => {
    const decision = evaluateAutoscale({ setting, samples: moderate, currentCapacity: 3, now, state: {} });

    expect(decision.reason).toBe('NoRuleFired');
    expect(decision.newCapacity).toBe(3);
  });
});

describe('disabled setting', () => {
  it('never changes the capacity', () => {
    const decision = evaluateAutoscale({ setting: { ...setting, enabled: false }, samples: {}, currentCapacity: 1, now, state: {} });

    expect(decision.reason).toBe('Disabled');
    expect(decision.newCapacity).toBe(1);
  });
});
