/**
 * Autoscale settings and metric samples for the engine tests, written out in ARM's shape so each
 * test shows the rules it exercises.
 */
import type { AutoscaleProfile, AutoscaleSettingProperties, ComparisonOperator, ScaleRule, ScaleType } from '../model';
import type { MetricSample, MetricSamples } from '../metric-aggregation';

export const CPU = 'Percentage CPU';
export const MINUTE = 60_000;
/** Monday 2026-01-05 00:00 UTC: a fixed start so profile selection is deterministic. */
export const T0 = Date.UTC(2026, 0, 5, 0, 0, 0);

export interface CpuRuleOptions {
  direction: 'Increase' | 'Decrease';
  operator: ComparisonOperator;
  threshold: number;
  value?: string;
  type?: ScaleType;
  cooldown?: string;
  timeWindow?: string;
  metricName?: string;
  dividePerInstance?: boolean;
}

export function cpuRule(options: CpuRuleOptions): ScaleRule {
  return {
    metricTrigger: {
      metricName: options.metricName ?? CPU,
      metricNamespace: 'microsoft.compute/virtualmachinescalesets',
      metricResourceUri: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/vmss',
      timeGrain: 'PT1M',
      statistic: 'Average',
      timeWindow: options.timeWindow ?? 'PT5M',
      timeAggregation: 'Average',
      operator: options.operator,
      threshold: options.threshold,
      dividePerInstance: options.dividePerInstance ?? false,
    },
    scaleAction: {
      direction: options.direction,
      type: options.type ?? 'ChangeCount',
      value: options.value ?? '1',
      cooldown: options.cooldown ?? 'PT5M',
    },
  };
}

export function profile(name: string, limits: [number, number, number], rules: ScaleRule[]): AutoscaleProfile {
  const [minimum, maximum, defaultCount] = limits;
  return { name, capacity: { minimum: String(minimum), maximum: String(maximum), default: String(defaultCount) }, rules };
}

/** Builds a setting with one default profile: a scale-out and a scale-in rule on Percentage CPU. */
export function cpuSetting(options: {
  out: Omit<CpuRuleOptions, 'direction'>;
  in: Omit<CpuRuleOptions, 'direction'>;
  limits?: [number, number, number];
}): AutoscaleSettingProperties {
  return {
    enabled: true,
    profiles: [
      profile('default', options.limits ?? [1, 10, 1], [
        cpuRule({ direction: 'Increase', ...options.out }),
        cpuRule({ direction: 'Decrease', ...options.in }),
      ]),
    ],
  };
}

/** Samples of `instances` instances all reporting `percent`, one per instance per minute in [from, to). */
export function steady(instances: number, percent: number, from: number, to: number): MetricSample[] {
  const samples: MetricSample[] = [];
  for (let time = from; time < to; time += MINUTE) {
    for (let instance = 0; instance < instances; instance += 1) {
      samples.push({ instanceId: `vm${instance}`, timestamp: time, value: percent });
    }
  }
  return samples;
}

export function cpuSamples(...series: MetricSample[][]): MetricSamples {
  return { [CPU]: series.flat() };
}
