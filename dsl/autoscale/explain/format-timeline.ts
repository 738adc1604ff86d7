/** Renders the `explain` timeline and the setting it used as plain text. */
import type { AutoscaleSettingProperties, ScaleDirection, ScaleType } from '../model';
import { operatorSymbol } from '../rule-evaluation';
import type { TimelineStep } from './simulate';

const SIGNS: Readonly<Record<ScaleDirection, string>> = { Increase: '+', Decrease: '-', None: '' };
const UNITS: Partial<Record<ScaleType, string>> = { PercentChangeCount: ' %', ExactCount: ' (exact count)' };

function clock(offsetMs: number): string {
  const totalSeconds = Math.round(offsetMs / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${String(minutes).padStart(3, ' ')}:${String(seconds).padStart(2, '0')}`;
}

/** Lists each profile's limits and rules, one line per rule. */
export function formatSetting(setting: AutoscaleSettingProperties): string[] {
  const lines: string[] = [];
  for (const profile of setting.profiles) {
    let schedule = '';
    if (profile.fixedDate) {
      schedule = ' (fixed date)';
    } else if (profile.recurrence) {
      schedule = ' (recurrence)';
    }
    lines.push(`profile "${profile.name}"${schedule}: minimum ${profile.capacity.minimum}, maximum ${profile.capacity.maximum}, default ${profile.capacity.default}`);
    profile.rules.forEach((rule, index) => {
      const { metricTrigger: trigger, scaleAction: action } = rule;
      const sign = SIGNS[action.direction];
      const unit = UNITS[action.type] ?? '';
      lines.push(
        `  rule #${index}: ${action.direction === 'Increase' ? 'scale out' : 'scale in'} ${sign}${action.value}${unit} when ${trigger.metricName} ` +
          `${trigger.statistic}/${trigger.timeGrain}, ${trigger.timeAggregation} over ${trigger.timeWindow} ${operatorSymbol(trigger.operator)} ${trigger.threshold}; cooldown ${action.cooldown}`,
      );
    });
  }
  return lines;
}

const HEADER = '   time   cpu/window  instances  reason                    explanation';

/** Formats one line per evaluation; with `changesOnly`, only those that changed the capacity. */
export function formatTimeline(steps: readonly TimelineStep[], changesOnly = false): string[] {
  const lines = [HEADER];
  for (const step of steps) {
    const { decision } = step;
    if (changesOnly && decision.newCapacity === decision.currentCapacity) {
      continue;
    }
    const cpu = step.windowCpu === undefined ? '     -    ' : `${step.windowCpu.toFixed(1).padStart(7, ' ')} % `;
    const instances =
      decision.newCapacity === decision.currentCapacity ? String(decision.currentCapacity) : `${decision.currentCapacity} → ${decision.newCapacity}`;
    lines.push(`${clock(step.offsetMs)}  ${cpu}  ${instances.padEnd(9, ' ')}  ${decision.reason.padEnd(24, ' ')}  ${decision.message}`);
  }
  return lines;
}

/** Summarises the scale actions of a timeline. */
export function formatSummary(steps: readonly TimelineStep[]): string {
  const outs = steps.filter((step) => step.decision.newCapacity > step.decision.currentCapacity).length;
  const ins = steps.filter((step) => step.decision.newCapacity < step.decision.currentCapacity).length;
  const capacities = steps.map((step) => step.decision.newCapacity);
  // The count at minute 0 is a capacity the run had too, and may be the highest.
  const starting = steps[0]?.decision.currentCapacity ?? 0;
  const peak = Math.max(starting, ...capacities);
  const final = capacities.length > 0 ? capacities[capacities.length - 1] : 0;
  const count = (instances: number): string => `${instances} instance${instances === 1 ? '' : 's'}`;
  return `${steps.length} evaluations: ${outs} scale-out, ${ins} scale-in, peak ${count(peak)}, final ${count(final as number)}`;
}
