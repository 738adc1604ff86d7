/**
 * Azure's documented flapping cases, run through the whole engine.
 * https://learn.microsoft.com/azure/azure-monitor/autoscale/autoscale-flapping
 * https://learn.microsoft.com/answers/questions/525145/what-is-flapping-in-app-service-autoscale
 */
import { evaluateAutoscale } from '../engine';
import { MINUTE, T0, cpuSamples, cpuSetting, steady } from './fixtures';

const now = T0 + 10 * MINUTE;
const outAt80InAt60 = cpuSetting({
  out: { operator: 'GreaterThanOrEqual', threshold: 80 },
  in: { operator: 'LessThanOrEqual', threshold: 60 },
});

describe('flapping check before scale-in', () => {
  it('skips scale-in at 60 % with estimate 90', () => {
    const decision = evaluateAutoscale({ setting: outAt80InAt60, samples: cpuSamples(steady(3, 60, T0, now)), currentCapacity: 3, now, state: {} });

    expect(decision.reason).toBe('Flapping');
    expect(decision.newCapacity).toBe(3);
    expect(decision.flapping?.intendedCapacity).toBe(2);
    expect(decision.flapping?.event).toBe('Flapping');
    expect(decision.flapping?.estimates).toEqual([{ capacity: 2, ruleIndex: 0, observed: 60, estimate: 90, wouldScaleOut: true }]);
    expect(decision.message).toContain('60 × 3 ÷ 2 = 90 would fire scale-out rule #0 (≥ 80)');
    expect(decision.state).toEqual({});
  });

  it('scales in at 50 % with estimate 75', () => {
    const decision = evaluateAutoscale({ setting: outAt80InAt60, samples: cpuSamples(steady(3, 50, T0, now)), currentCapacity: 3, now, state: {} });

    expect(decision.reason).toBe('ScaleIn');
    expect(decision.newCapacity).toBe(2);
    expect(decision.flapping?.estimates).toEqual([{ capacity: 2, ruleIndex: 0, observed: 50, estimate: 75, wouldScaleOut: false }]);
    expect(decision.flapping?.event).toBeUndefined();
    expect(decision.state.lastScaleAction).toEqual({ time: now, direction: 'Decrease', cooldown: 'PT5M' });
  });

  it('shrinks a 10-instance step that would flap', () => {
    // CPU 65 % on 30 instances, scale out above 70 %: at 20 instances the estimate is 97.5, and
    // the first count that stays at or under 70 is 28 (65 × 30 ÷ 28 = 69.6; 65 × 30 ÷ 27 = 72.2).
    const setting = cpuSetting({
      out: { operator: 'GreaterThan', threshold: 70, value: '20' },
      in: { operator: 'LessThanOrEqual', threshold: 65, value: '10' },
      limits: [1, 50, 1],
    });

    const decision = evaluateAutoscale({ setting, samples: cpuSamples(steady(30, 65, T0, now)), currentCapacity: 30, now, state: {} });

    expect(decision.reason).toBe('FlappingOccurred');
    expect(decision.flapping?.intendedCapacity).toBe(20);
    expect(decision.flapping?.actualCapacity).toBe(28);
    expect(decision.newCapacity).toBe(28);
    expect(decision.flapping?.estimates.find((estimate) => estimate.capacity === 27)?.wouldScaleOut).toBe(true);
    expect(decision.message).toMatch(/^scale in 30 → 28 instead of 20 \(FlappingOccurred\)/);
  });

  it('defers the scale-in of the documented 56 % table', () => {
    // One instance at 56 % scaled out to two at 28 %: scaling back in would return to 56 % > 50 %.
    const setting = cpuSetting({ out: { operator: 'GreaterThan', threshold: 50 }, in: { operator: 'LessThan', threshold: 30 } });

    const decision = evaluateAutoscale({ setting, samples: cpuSamples(steady(2, 28, T0, now)), currentCapacity: 2, now, state: {} });

    expect(decision.reason).toBe('Flapping');
    expect(decision.newCapacity).toBe(2);
    expect(decision.flapping?.estimates[0]?.estimate).toBe(56);
  });

  it('never checks a scale-out for flapping', () => {
    const decision = evaluateAutoscale({ setting: outAt80InAt60, samples: cpuSamples(steady(2, 85, T0, now)), currentCapacity: 2, now, state: {} });

    expect(decision.reason).toBe('ScaleOut');
    expect(decision.newCapacity).toBe(3);
    expect(decision.flapping).toBeUndefined();
  });
});
