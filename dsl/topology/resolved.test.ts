import { validateAutoscaleSetting } from '../azure/insights-validation';
import { resolvedAutoscaleSetting, resolvedHealthProbe } from './resolved';

describe('resolved autoscale setting', () => {
  test('defaults match the documented topology', () => {
    const setting = resolvedAutoscaleSetting();
    const [profile] = setting.profiles;
    const [scaleOut, scaleIn] = profile.rules;

    expect(setting.enabled).toBe(true);
    expect(profile.capacity).toEqual({ minimum: '1', maximum: '5', default: '1' });
    expect(scaleOut.metricTrigger).toMatchObject({ metricName: 'Percentage CPU', operator: 'GreaterThan', threshold: 70, timeWindow: 'PT5M', timeGrain: 'PT1M' });
    expect(scaleOut.scaleAction).toEqual({ direction: 'Increase', type: 'ChangeCount', value: '1', cooldown: 'PT5M' });
    expect(scaleIn.metricTrigger).toMatchObject({ operator: 'LessThan', threshold: 30, timeWindow: 'PT5M' });
    expect(scaleIn.scaleAction).toEqual({ direction: 'Decrease', type: 'ChangeCount', value: '1', cooldown: 'PT5M' });
    expect(validateAutoscaleSetting(setting)).toEqual([]);
  });

  test('given values replace defaults', () => {
    const setting = resolvedAutoscaleSetting({ autoscaleMaximum: 8, scaleOutCpuThreshold: 60, scaleOutStep: 2, scaleInCooldown: 'PT10M' });
    const [scaleOut, scaleIn] = setting.profiles[0].rules;

    expect(setting.profiles[0].capacity.maximum).toBe('8');
    expect(scaleOut.metricTrigger.threshold).toBe(60);
    expect(scaleOut.scaleAction.value).toBe('2');
    expect(scaleIn.scaleAction.cooldown).toBe('PT10M');
  });

  test('unknown parameter is rejected', () => {
    expect(() => resolvedAutoscaleSetting({ autoscaleMax: 3 })).toThrow(/Unknown main template parameter\(s\) autoscaleMax/);
  });
});

describe('resolved health probe', () => {
  test('readiness probe of the load balancer', () => {
    expect(resolvedHealthProbe()).toEqual({ requestPath: '/health', port: 8080, intervalInSeconds: 5, numberOfProbes: 2 });
  });
});
