/** Command-line overrides of an autoscale setting's rules and limits, for `explain`. */
import type { AutoscaleSettingProperties, ScaleRule } from '../model';
import { formatDuration, parseDuration } from '../duration';

export interface SettingOverrides {
  scaleOutThreshold?: number;
  scaleInThreshold?: number;
  /** Minutes, or an ISO 8601 duration. */
  timeWindow?: string;
  /** Minutes, or an ISO 8601 duration. */
  cooldown?: string;
  scaleOutBy?: number;
  scaleInBy?: number;
  minimum?: number;
  maximum?: number;
  default?: number;
}

/** Accepts a number of minutes (`5`) or an ISO 8601 duration (`PT5M`) and returns the ISO form. */
export function toIsoDuration(value: string, option: string): string {
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    return formatDuration(Number(trimmed) * 60_000);
  }
  try {
    parseDuration(trimmed);
  } catch {
    throw new RangeError(`Invalid --${option} "${value}": give minutes (5) or an ISO 8601 duration (PT5M).`);
  }
  return trimmed.toUpperCase();
}

function overrideRule(rule: ScaleRule, overrides: SettingOverrides): ScaleRule {
  const increase = rule.scaleAction.direction === 'Increase';
  const threshold = increase ? overrides.scaleOutThreshold : overrides.scaleInThreshold;
  const by = increase ? overrides.scaleOutBy : overrides.scaleInBy;
  return {
    metricTrigger: {
      ...rule.metricTrigger,
      ...(threshold === undefined ? {} : { threshold }),
      ...(overrides.timeWindow === undefined ? {} : { timeWindow: toIsoDuration(overrides.timeWindow, 'time-window') }),
    },
    scaleAction: {
      ...rule.scaleAction,
      ...(by === undefined ? {} : { value: String(by) }),
      ...(overrides.cooldown === undefined ? {} : { cooldown: toIsoDuration(overrides.cooldown, 'cooldown') }),
    },
  };
}

/** Returns a copy of the setting with the overrides applied to every profile and rule. */
export function applyOverrides(setting: AutoscaleSettingProperties, overrides: SettingOverrides): AutoscaleSettingProperties {
  return {
    ...setting,
    profiles: setting.profiles.map((profile) => ({
      ...profile,
      capacity: {
        minimum: overrides.minimum === undefined ? profile.capacity.minimum : String(overrides.minimum),
        maximum: overrides.maximum === undefined ? profile.capacity.maximum : String(overrides.maximum),
        default: overrides.default === undefined ? profile.capacity.default : String(overrides.default),
      },
      rules: profile.rules.map((rule) => overrideRule(rule, overrides)),
    })),
  };
}
