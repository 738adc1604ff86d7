/**
 * Evaluates each rule of a profile: aggregates its metric, compares the result with the
 * threshold, and computes the capacity its scale action requests.
 * Source: https://learn.microsoft.com/azure/azure-monitor/autoscale/autoscale-understanding-settings#how-does-autoscale-evaluate-multiple-rules
 */
import type { ComparisonOperator, ScaleAction, ScaleRule } from './model';
import type { EvaluationOptions } from './evaluation-options';
import { type AggregatedMetric, type MetricSamples, aggregateMetric } from './metric-aggregation';

export interface RuleEvaluation {
  /** Position of the rule in the profile's `rules`. */
  index: number;
  rule: ScaleRule;
  metric: AggregatedMetric;
  /** True when the metric had data and the comparison holds. */
  fired: boolean;
  /** Capacity the scale action requests from the current capacity, before clamping. */
  requestedCapacity: number;
}

const OPERATOR_SYMBOLS: Readonly<Record<ComparisonOperator, string>> = {
  Equals: '=',
  NotEquals: '≠',
  GreaterThan: '>',
  GreaterThanOrEqual: '≥',
  LessThan: '<',
  LessThanOrEqual: '≤',
};

export function operatorSymbol(operator: ComparisonOperator): string {
  return OPERATOR_SYMBOLS[operator];
}

/** Returns whether `value operator threshold` holds. */
export function compare(value: number, operator: ComparisonOperator, threshold: number): boolean {
  switch (operator) {
    case 'Equals':
      return value === threshold;
    case 'NotEquals':
      return value !== threshold;
    case 'GreaterThan':
      return value > threshold;
    case 'GreaterThanOrEqual':
      return value >= threshold;
    case 'LessThan':
      return value < threshold;
    case 'LessThanOrEqual':
      return value <= threshold;
  }
}

/** Parses `scaleAction.value`, which ARM stores as a string. */
export function actionValue(action: ScaleAction): number {
  const value = Number(action.value);
  if (action.value.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`Invalid scaleAction.value "${action.value}": expected a number, zero or more, as a string such as "1".`);
  }
  return value;
}

/**
 * Returns the capacity a scale action requests from `current`, before clamping to the profile's
 * limits. ChangeCount adds or removes `value` instances. PercentChangeCount changes the count by
 * `value` percent of the current count. ExactCount requests `value` instances, but only in the
 * rule's direction.
 */
export function requestedCapacity(action: ScaleAction, current: number): number {
  const value = actionValue(action);
  let sign = 0;
  if (action.direction === 'Increase') {
    sign = 1;
  } else if (action.direction === 'Decrease') {
    sign = -1;
  }

  switch (action.type) {
    case 'ChangeCount':
      return current + sign * Math.round(value);
    case 'PercentChangeCount':
      // NOTE: Azure does not document how a percentage of instances is rounded. This code rounds
      // the change up, so a non-zero percentage always moves at least one instance.
      return current + sign * Math.ceil((current * value) / 100);
    case 'ExactCount': {
      const target = Math.round(value);
      if (sign > 0) {
        return Math.max(current, target);
      }
      return sign < 0 ? Math.min(current, target) : current;
    }
    case 'ServiceAllowedNextValue':
      throw new RangeError(
        'scaleAction.type ServiceAllowedNextValue is not supported because it depends on the scaled service. Use ChangeCount, PercentChangeCount or ExactCount.',
      );
  }
}

/** Evaluates every rule of a profile at `now`, in the profile's order. */
export function evaluateRules(
  rules: readonly ScaleRule[],
  samples: MetricSamples,
  now: number,
  currentCapacity: number,
  options?: EvaluationOptions,
): RuleEvaluation[] {
  return rules.map((rule, index) => {
    const metric = aggregateMetric(rule.metricTrigger, samples, now, currentCapacity, options);
    const fired = metric.value !== undefined && compare(metric.value, rule.metricTrigger.operator, rule.metricTrigger.threshold);
    return { index, rule, metric, fired, requestedCapacity: requestedCapacity(rule.scaleAction, currentCapacity) };
  });
}
