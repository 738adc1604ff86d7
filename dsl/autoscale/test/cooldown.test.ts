/**
 * One cooldown clock, set by the last scale action, blocks both directions.
 * https://learn.microsoft.com/azure/azure-monitor/autoscale/autoscale-understanding-settings#how-does-autoscale-evaluate-cooldown
 */
import type { AutoscaleState } from '../cooldown';
import { evaluateAutoscale } from '../engine';
import { MINUTE, T0, cpuSamples, cpuSetting, steady } from './fixtures';

/** The documented example: scale-out cooldown 60 minutes, scale-in cooldown 40 minutes. */
const setting = cpuSetting({
  out: { operator: 'GreaterThan', threshold: 70, cooldown: 'PT60M' },
  in: { operator: 'LessThan', threshold: 30, cooldown: 'PT40M' },
});
const scaleInAt = T0 + 60 * MINUTE;

function hotAt(now: number, instances: number) {
  return cpuSamples(steady(instances, 95, now - 5 * MINUTE, now));
}

describe('cooldown', () => {
  it('starts the clock with the cooldown of the rule that scaled in', () => {
    const decision = evaluateAutoscale({
      setting,
      samples: cpuSamples(steady(3, 10, scaleInAt - 5 * MINUTE, scaleInAt)),
      currentCapacity: 3,
      now: scaleInAt,
      state: {},
    });

    expect(decision.reason).toBe('ScaleIn');
    expect(decision.state).toEqual({ lastScaleAction: { time: scaleInAt, direction: 'Decrease', cooldown: 'PT40M' } });
  });

  it('blocks a scale-out 20 minutes after a scale-in with a 40-minute cooldown', () => {
    const state: AutoscaleState = { lastScaleAction: { time: scaleInAt, direction: 'Decrease', cooldown: 'PT40M' } };
    const now = scaleInAt + 20 * MINUTE;

    const decision = evaluateAutoscale({ setting, samples: hotAt(now, 2), currentCapacity: 2, now, state });

    expect(decision.reason).toBe('Cooldown');
    expect(decision.newCapacity).toBe(2);
    expect(decision.fired.increase).toEqual([0]);
    expect(decision.cooldown?.remainingMs).toBe(20 * MINUTE);
    expect(decision.message).toBe('no change (cooldown): PT40M after the last scale-in, 1200 s left; would scale out: #0 Percentage CPU Average/PT5M 95 > 70');
    expect(decision.state).toBe(state);
  });

  it('allows the scale-out once the scale-in cooldown has passed', () => {
    const state: AutoscaleState = { lastScaleAction: { time: scaleInAt, direction: 'Decrease', cooldown: 'PT40M' } };
    const now = scaleInAt + 40 * MINUTE;

    const decision = evaluateAutoscale({ setting, samples: hotAt(now, 2), currentCapacity: 2, now, state });

    expect(decision.reason).toBe('ScaleOut');
    expect(decision.newCapacity).toBe(3);
    expect(decision.state.lastScaleAction).toEqual({ time: now, direction: 'Increase', cooldown: 'PT60M' });
  });

  it('blocks a scale-in during a scale-out cooldown', () => {
    const state: AutoscaleState = { lastScaleAction: { time: T0, direction: 'Increase', cooldown: 'PT60M' } };
    const now = T0 + 59 * MINUTE;

    const decision = evaluateAutoscale({ setting, samples: cpuSamples(steady(3, 5, now - 5 * MINUTE, now)), currentCapacity: 3, now, state });

    expect(decision.reason).toBe('Cooldown');
    expect(decision.fired.decrease).toEqual([1]);
  });

  it('divides the cooldown by the time scale', () => {
    const state: AutoscaleState = { lastScaleAction: { time: T0, direction: 'Decrease', cooldown: 'PT40M' } };
    const now = T0 + 80_000;

    const decision = evaluateAutoscale({
      setting,
      samples: cpuSamples(steady(2, 95, now - 10_000, now)),
      currentCapacity: 2,
      now,
      state,
      options: { timeScale: 30 },
    });

    expect(decision.cooldown?.until).toBe(T0 + 80_000);
    expect(decision.reason).toBe('ScaleOut');
  });
});
