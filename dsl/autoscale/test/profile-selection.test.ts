/**
 * Fixed-date profiles first, then recurring profiles, then the default profile.
 * https://learn.microsoft.com/azure/azure-monitor/autoscale/autoscale-multiprofile
 */
import type { AutoscaleProfile, AutoscaleSettingProperties } from '../model';
import { evaluateAutoscale } from '../engine';
import { NoApplicableProfileError, selectProfile } from '../profile-selection';
import { UnknownTimeZoneError } from '../time-zones';
import { MINUTE, cpuSamples, cpuSetting, profile, steady } from './fixtures';

const rules = cpuSetting({ out: { operator: 'GreaterThan', threshold: 70 }, in: { operator: 'LessThan', threshold: 30 } }).profiles[0]!.rules;

const weekday: AutoscaleProfile = {
  ...profile('weekday', [3, 20, 3], rules),
  recurrence: { frequency: 'Week', schedule: { timeZone: 'UTC', days: ['Monday'], hours: [4], minutes: [0] } },
};
const weekend: AutoscaleProfile = {
  ...profile('weekend', [1, 3, 1], rules),
  recurrence: { frequency: 'Week', schedule: { timeZone: 'UTC', days: ['Saturday'], hours: [0], minutes: [1] } },
};
const blackFriday: AutoscaleProfile = {
  ...profile('black friday', [10, 30, 10], rules),
  fixedDate: { timeZone: 'UTC', start: '2026-11-27T00:00:00', end: '2026-11-27T23:59:00' },
};
const fallback = profile('default', [1, 5, 1], rules);

function setting(...profiles: AutoscaleProfile[]): AutoscaleSettingProperties {
  return { enabled: true, profiles };
}

describe('selectProfile', () => {
  it('uses the default profile when nothing else is scheduled', () => {
    const selected = selectProfile(setting(fallback), Date.UTC(2026, 0, 7, 12));

    expect(selected.kind).toBe('default');
    expect(selected.profile.name).toBe('default');
  });

  it('prefers a fixed-date profile inside its dates', () => {
    const selected = selectProfile(setting(fallback, weekday, weekend, blackFriday), Date.UTC(2026, 10, 27, 12));

    expect(selected.kind).toBe('fixedDate');
    expect(selected.profile.name).toBe('black friday');
    expect(selected.activeSince).toBe(Date.UTC(2026, 10, 27));
  });

  it('leaves a fixed-date profile after its end', () => {
    const selected = selectProfile(setting(fallback, blackFriday), Date.UTC(2026, 10, 28, 0, 0));

    expect(selected.kind).toBe('default');
  });

  it('reads a fixed date without offset in its time zone', () => {
    const pacific: AutoscaleProfile = { ...blackFriday, fixedDate: { timeZone: 'Pacific Standard Time', start: '2026-11-27T00:00:00', end: '2026-11-27T23:59:00' } };

    expect(selectProfile(setting(fallback, pacific), Date.UTC(2026, 10, 27, 7, 59)).kind).toBe('default');
    expect(selectProfile(setting(fallback, pacific), Date.UTC(2026, 10, 27, 8, 0)).kind).toBe('fixedDate');
  });

  it('keeps a recurring profile active until the next one starts', () => {
    // Wednesday 2026-01-07: the weekday profile started on Monday at 04:00.
    const wednesday = selectProfile(setting(fallback, weekday, weekend), Date.UTC(2026, 0, 7, 12));
    // Sunday 2026-01-11: the weekend profile started on Saturday at 00:01.
    const sunday = selectProfile(setting(fallback, weekday, weekend), Date.UTC(2026, 0, 11, 12));
    // Monday 2026-01-12 03:59: still the weekend profile.
    const earlyMonday = selectProfile(setting(fallback, weekday, weekend), Date.UTC(2026, 0, 12, 3, 59));

    expect(wednesday.profile.name).toBe('weekday');
    expect(wednesday.activeSince).toBe(Date.UTC(2026, 0, 5, 4, 0));
    expect(sunday.profile.name).toBe('weekend');
    expect(earlyMonday.profile.name).toBe('weekend');
  });

  it('starts a recurrence at its wall-clock time in its time zone', () => {
    const madrid: AutoscaleProfile = {
      ...weekday,
      recurrence: { frequency: 'Week', schedule: { timeZone: 'Romance Standard Time', days: ['Monday'], hours: [4], minutes: [0] } },
    };

    // 04:00 in Paris/Madrid in January is 03:00 UTC.
    expect(selectProfile(setting(fallback, madrid, weekend), Date.UTC(2026, 0, 12, 3, 0)).profile.name).toBe('weekday');
    expect(selectProfile(setting(fallback, madrid, weekend), Date.UTC(2026, 0, 12, 2, 59)).profile.name).toBe('weekend');
  });

  it('rejects an unknown time zone', () => {
    const unknown: AutoscaleProfile = { ...weekday, recurrence: { frequency: 'Week', schedule: { timeZone: 'Mars Standard Time', days: ['Monday'], hours: [4], minutes: [0] } } };

    expect(() => selectProfile(setting(fallback, unknown), Date.UTC(2026, 0, 7))).toThrow(UnknownTimeZoneError);
  });

  it('fails when no profile applies', () => {
    expect(() => selectProfile(setting(blackFriday), Date.UTC(2026, 0, 7))).toThrow(NoApplicableProfileError);
  });
});

describe('profile change', () => {
  it('applies the new profile limits at once', () => {
    // Saturday 00:01 switches to the weekend profile, whose maximum of 3 scales 8 instances in.
    const saturday = Date.UTC(2026, 0, 10, 0, 1);

    const decision = evaluateAutoscale({
      setting: setting(fallback, weekday, weekend),
      samples: cpuSamples(steady(8, 50, saturday - 5 * MINUTE, saturday)),
      currentCapacity: 8,
      now: saturday,
      state: { lastScaleAction: { time: saturday - MINUTE, direction: 'Increase', cooldown: 'PT5M' } },
    });

    expect(decision.profile).toEqual({ name: 'weekend', kind: 'recurrence', index: 2, capacity: { minimum: 1, maximum: 3, default: 1 } });
    expect(decision.reason).toBe('AboveMaximum');
    expect(decision.newCapacity).toBe(3);
  });
});
