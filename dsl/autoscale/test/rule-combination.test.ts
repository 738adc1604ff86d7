/**
 * Scale out when ANY increase rule fires (largest capacity wins); scale in only when ALL decrease
 * rules fire (smallest reduction wins).
 * https://learn.microsoft.com/azure/azure-monitor/autoscale/autoscale-understanding-settings#how-does-autoscale-evaluate-multiple-rules
 */
import type { AutoscaleSettingProperties } from '../model';
import { evaluateAutoscale } from '../engine';
import { CPU, MINUTE, T0, cpuRule, cpuSamples, profile, steady } from './fixtures';

const MEMORY = 'Available Memory Percentage';
const now = T0 + 10 * MINUTE;

function samples(cpu: number, memory: number, instances = 4) {
  return { [CPU]: steady(instances, cpu, T0, now), [MEMORY]: steady(instances, memory, T0, now) };
}

/** The four-rule example: CPU < 30 or memory < 50 scale in; CPU > 75 or memory > 75 scale out. */
const fourRules: AutoscaleSettingProperties = {
  enabled: true,
  profiles: [
    profile('default', [1, 10, 1], [
      cpuRule({ direction: 'Decrease', operator: 'LessThan', threshold: 30 }),
      cpuRule({ direction: 'Decrease', operator: 'LessThan', threshold: 50, metricName: MEMORY }),
      cpuRule({ direction: 'Increase', operator: 'GreaterThan', threshold: 75 }),
      cpuRule({ direction: 'Increase', operator: 'GreaterThan', threshold: 75, metricName: MEMORY }),
    ]),
  ],
};

describe('combining rules', () => {
  it.each([
    [76, 50],
    [50, 76],
  ])('scales out when any increase rule fires (CPU %d, memory %d)', (cpu, memory) => {
    const decision = evaluateAutoscale({ setting: fourRules, samples: samples(cpu, memory), currentCapacity: 4, now, state: {} });

    expect(decision.reason).toBe('ScaleOut');
    expect(decision.newCapacity).toBe(5);
  });

  it('does not scale in when only one of two decrease rules fires', () => {
    const decision = evaluateAutoscale({ setting: fourRules, samples: samples(25, 51), currentCapacity: 4, now, state: {} });

    expect(decision.fired.decrease).toEqual([0]);
    expect(decision.reason).toBe('NotAllDecreaseRulesFired');
    expect(decision.newCapacity).toBe(4);
  });

  it('scales in when every decrease rule fires', () => {
    const decision = evaluateAutoscale({ setting: fourRules, samples: samples(29, 49), currentCapacity: 4, now, state: {} });

    expect(decision.fired.decrease).toEqual([0, 1]);
    expect(decision.reason).toBe('ScaleIn');
    expect(decision.newCapacity).toBe(3);
  });

  it('uses the largest capacity among fired increase rules', () => {
    const setting: AutoscaleSettingProperties = {
      enabled: true,
      profiles: [
        profile('default', [1, 40, 1], [
          cpuRule({ direction: 'Increase', operator: 'GreaterThan', threshold: 70, value: '3' }),
          cpuRule({ direction: 'Increase', operator: 'GreaterThan', threshold: 70, value: '5', cooldown: 'PT10M' }),
          cpuRule({ direction: 'Increase', operator: 'GreaterThan', threshold: 70, type: 'PercentChangeCount', value: '15' }),
        ]),
      ],
    };

    const decision = evaluateAutoscale({ setting, samples: cpuSamples(steady(20, 90, T0, now)), currentCapacity: 20, now, state: {} });

    expect(decision.rules.map((rule) => rule.requestedCapacity)).toEqual([23, 25, 23]);
    expect(decision.newCapacity).toBe(25);
    expect(decision.state.lastScaleAction?.cooldown).toBe('PT10M');
  });

  it('uses the smallest reduction among decrease rules', () => {
    // From 10, minus 50 % requests 5 and minus 3 requests 7, so the engine scales in to 7.
    const setting: AutoscaleSettingProperties = {
      enabled: true,
      profiles: [
        profile('default', [1, 20, 1], [
          cpuRule({ direction: 'Decrease', operator: 'LessThan', threshold: 30, type: 'PercentChangeCount', value: '50' }),
          cpuRule({ direction: 'Decrease', operator: 'LessThan', threshold: 30, value: '3' }),
        ]),
      ],
    };

    const decision = evaluateAutoscale({ setting, samples: cpuSamples(steady(10, 10, T0, now)), currentCapacity: 10, now, state: {} });

    expect(decision.rules.map((rule) => rule.requestedCapacity)).toEqual([5, 7]);
    expect(decision.reason).toBe('ScaleIn');
    expect(decision.newCapacity).toBe(7);
  });

  it('reports no rule fired with the observed values', () => {
    const decision = evaluateAutoscale({ setting: fourRules, samples: samples(60, 60), currentCapacity: 4, now, state: {} });

    expect(decision.reason).toBe('NoRuleFired');
    expect(decision.message).toContain('#0 Percentage CPU Average/PT5M 60, not < 30');
  });
});
