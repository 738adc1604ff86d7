import type { AutoscaleProfile, AutoscaleSettingProperties, ScaleRule } from '../autoscale/model';
import { validateAutoscaleSetting } from './insights-validation';

function rule(overrides: { timeGrain?: string; timeWindow?: string; cooldown?: string; value?: string } = {}): ScaleRule {
  return {
    metricTrigger: {
      metricName: 'Percentage CPU',
      metricResourceUri: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachineScaleSets/vmss',
      timeGrain: overrides.timeGrain ?? 'PT1M',
      statistic: 'Average',
      timeWindow: overrides.timeWindow ?? 'PT5M',
      timeAggregation: 'Average',
      operator: 'GreaterThan',
      threshold: 70,
    },
    scaleAction: { direction: 'Increase', type: 'ChangeCount', value: overrides.value ?? '1', cooldown: overrides.cooldown ?? 'PT5M' },
  };
}

function profile(overrides: Partial<AutoscaleProfile> = {}): AutoscaleProfile {
  return { name: 'cpu', capacity: { minimum: '1', maximum: '5', default: '1' }, rules: [rule()], ...overrides };
}

function setting(profiles: AutoscaleProfile[] = [profile()]): AutoscaleSettingProperties {
  return { name: 'vmss-autoscale', enabled: true, profiles };
}

describe('validateAutoscaleSetting', () => {
  test('valid setting has no messages', () => {
    expect(validateAutoscaleSetting(setting())).toEqual([]);
  });

  test('default outside minimum and maximum', () => {
    const messages = validateAutoscaleSetting(setting([profile({ capacity: { minimum: '2', maximum: '5', default: '1' } })]));

    expect(messages).toEqual([
      'autoscale setting vmss-autoscale, profile cpu: capacity = {"minimum":"2","maximum":"5","default":"1"}: must satisfy minimum <= default <= maximum; raise maximum or lower minimum so default fits between them',
    ]);
  });

  test('capacity that is not a whole number', () => {
    const messages = validateAutoscaleSetting(setting([profile({ capacity: { minimum: 'one', maximum: '5', default: '1' } })]));

    expect(messages).toEqual([
      'autoscale setting vmss-autoscale, profile cpu: capacity.minimum = "one": must be a whole number of instances written as a string, such as "1"',
    ]);
  });

  test.each([
    ['PT4M', 'must be between PT5M and PT12H'],
    ['PT13H', 'must be between PT5M and PT12H'],
    ['five minutes', 'is not an ISO 8601 duration; write it like PT5M, between PT5M and PT12H'],
  ])('timeWindow %s', (timeWindow, explanation) => {
    expect(validateAutoscaleSetting(setting([profile({ rules: [rule({ timeWindow })] })]))).toEqual([
      `autoscale setting vmss-autoscale, profile cpu, rule 0: metricTrigger.timeWindow = ${JSON.stringify(timeWindow)}: ${explanation}`,
    ]);
  });

  test.each(['PT30S', 'P1D'])('timeGrain %s', (timeGrain) => {
    expect(validateAutoscaleSetting(setting([profile({ rules: [rule({ timeGrain, timeWindow: 'PT12H' })] })]))).toEqual([
      `autoscale setting vmss-autoscale, profile cpu, rule 0: metricTrigger.timeGrain = "${timeGrain}": must be between PT1M and PT12H`,
    ]);
  });

  test.each(['PT30S', 'P8D'])('cooldown %s', (cooldown) => {
    expect(validateAutoscaleSetting(setting([profile({ rules: [rule({ cooldown })] })]))).toEqual([
      `autoscale setting vmss-autoscale, profile cpu, rule 0: scaleAction.cooldown = "${cooldown}": must be between PT1M and P7D (one week)`,
    ]);
  });

  test('limits accepted at both ends', () => {
    const rules = [rule({ timeGrain: 'PT1M', timeWindow: 'PT12H', cooldown: 'P7D' }), rule({ timeGrain: 'PT12H', timeWindow: 'PT5M', cooldown: 'PT1M' })];

    expect(validateAutoscaleSetting(setting([profile({ rules })]))).toEqual([]);
  });

  test('scale value above maximum minus minimum', () => {
    expect(validateAutoscaleSetting(setting([profile({ rules: [rule({ value: '5' })] })]))).toEqual([
      'autoscale setting vmss-autoscale, profile cpu, rule 0: scaleAction.value = "5": changes the count by more than maximum - minimum (5 - 1 = 4); lower the step or widen the capacity range',
    ]);
  });

  test('more than 10 rules in a profile', () => {
    const rules = Array.from({ length: 11 }, () => rule());

    expect(validateAutoscaleSetting(setting([profile({ rules })]))).toEqual([
      'autoscale setting vmss-autoscale, profile cpu: rules = "11 rules": Azure allows at most 10 rules in a profile; remove or merge rules',
    ]);
  });

  test('more than 20 profiles', () => {
    const profiles = Array.from({ length: 21 }, (_, index) => profile({ name: `p${index}` }));

    expect(validateAutoscaleSetting(setting(profiles))).toEqual([
      'autoscale setting vmss-autoscale: profiles = "21 profiles": Azure allows at most 20 profiles; merge some of them',
    ]);
  });
});
