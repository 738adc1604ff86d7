import { applyOverrides, toIsoDuration } from '../explain/overrides';
import { cpuSetting } from './fixtures';

const setting = cpuSetting({ out: { operator: 'GreaterThan', threshold: 70 }, in: { operator: 'LessThan', threshold: 30 }, limits: [1, 5, 1] });

describe('applyOverrides', () => {
  it('sets thresholds, steps, window, cooldown and limits', () => {
    const result = applyOverrides(setting, {
      scaleOutThreshold: 80,
      scaleInThreshold: 60,
      scaleOutBy: 2,
      scaleInBy: 1,
      timeWindow: '10',
      cooldown: 'pt3m',
      minimum: 2,
      maximum: 8,
      default: 3,
    });
    const [out, scaleIn] = result.profiles[0]!.rules;

    expect(result.profiles[0]!.capacity).toEqual({ minimum: '2', maximum: '8', default: '3' });
    expect(out!.metricTrigger.threshold).toBe(80);
    expect(scaleIn!.metricTrigger.threshold).toBe(60);
    expect(out!.scaleAction.value).toBe('2');
    expect(out!.metricTrigger.timeWindow).toBe('PT10M');
    expect(scaleIn!.scaleAction.cooldown).toBe('PT3M');
  });

  it('leaves the setting unchanged without overrides', () => {
    expect(applyOverrides(setting, {})).toEqual(setting);
  });

  it('does not modify the original setting', () => {
    applyOverrides(setting, { scaleOutThreshold: 99 });

    expect(setting.profiles[0]!.rules[0]!.metricTrigger.threshold).toBe(70);
  });
});

describe('toIsoDuration', () => {
  it.each([
    ['5', 'PT5M'],
    ['0.5', 'PT30S'],
    ['PT1H', 'PT1H'],
  ])('turns %s into %s', (value, expected) => {
    expect(toIsoDuration(value, 'cooldown')).toBe(expected);
  });

  it('names the option in the error', () => {
    expect(() => toIsoDuration('soon', 'cooldown')).toThrow(/--cooldown "soon"/);
  });
});
