/**
 * The flapping check that Azure Monitor autoscale runs before every scale-in (never before a
 * scale-out). For each scale-out rule, it estimates the metric after the scale-in as
 * observed value × current count ÷ new count. If that estimate would fire the rule, the engine
 * tries the counts between the intended count and the current count. It scales in to the first
 * count that does not flap (event `FlappingOccurred`), or skips the scale-in (event `Flapping`).
 * Sources: https://learn.microsoft.com/azure/azure-monitor/autoscale/autoscale-flapping
 * https://learn.microsoft.com/azure/azure-monitor/autoscale/autoscale-best-practices#configure-autoscale-notifications
 * and the worked 3-instance example (60 % → estimate 90, 50 % → estimate 75) in
 * https://learn.microsoft.com/answers/questions/525145/what-is-flapping-in-app-service-autoscale
 */
import { compare, type RuleEvaluation } from './rule-evaluation';

export type FlappingEvent = 'Flapping' | 'FlappingOccurred';

export interface FlappingEstimate {
  /** Instance count the estimate is for. */
  capacity: number;
  /** Position of the scale-out rule in the profile. */
  ruleIndex: number;
  observed: number;
  estimate: number;
  wouldScaleOut: boolean;
}

export interface FlappingCheck {
  intendedCapacity: number;
  /** Count to scale in to, or undefined when every candidate would flap and the scale-in is skipped. */
  actualCapacity?: number;
  /** Absent when the intended count passes the check. */
  event?: FlappingEvent;
  /** Estimates for every count tried, from the intended count upwards. */
  estimates: FlappingEstimate[];
}

function estimatesFor(capacity: number, currentCapacity: number, increaseRules: readonly RuleEvaluation[]): FlappingEstimate[] {
  const estimates: FlappingEstimate[] = [];
  for (const evaluation of increaseRules) {
    const observed = evaluation.metric.value;
    if (observed === undefined) {
      continue;
    }
    const { operator, threshold } = evaluation.rule.metricTrigger;
    const estimate = (observed * currentCapacity) / capacity;
    estimates.push({ capacity, ruleIndex: evaluation.index, observed, estimate, wouldScaleOut: compare(estimate, operator, threshold) });
  }
  return estimates;
}

/**
 * Checks a pending scale-in from `currentCapacity` to `intendedCapacity` against the profile's
 * scale-out rules, and returns the count to scale in to, if any.
 */
export function checkFlapping(
  currentCapacity: number,
  intendedCapacity: number,
  increaseRules: readonly RuleEvaluation[],
): FlappingCheck {
  const estimates: FlappingEstimate[] = [];

  for (let capacity = intendedCapacity; capacity < currentCapacity; capacity += 1) {
    const forCapacity = estimatesFor(capacity, currentCapacity, increaseRules);
    estimates.push(...forCapacity);
    if (forCapacity.every((estimate) => !estimate.wouldScaleOut)) {
      return capacity === intendedCapacity
        ? { intendedCapacity, actualCapacity: capacity, estimates }
        : { intendedCapacity, actualCapacity: capacity, event: 'FlappingOccurred', estimates };
    }
  }
  return { intendedCapacity, event: 'Flapping', estimates };
}
