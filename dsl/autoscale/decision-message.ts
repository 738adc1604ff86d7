/** Builds the one-line explanation of a decision, with the numbers that led to it. */
import type { AutoscaleDecision } from './decision';
import type { FlappingEstimate } from './flapping';
import { operatorSymbol, type RuleEvaluation } from './rule-evaluation';

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/**
 * Describes a rule's comparison, for example `#0 Percentage CPU Average/PT5M 76.4 > 70` when it
 * fired and `#1 Percentage CPU Average/PT5M 76.4, not < 30` when it did not.
 */
export function describeRule(evaluation: RuleEvaluation): string {
  const { metricTrigger } = evaluation.rule;
  const name = `#${evaluation.index} ${metricTrigger.metricName} ${metricTrigger.timeAggregation}/${metricTrigger.timeWindow}${metricTrigger.dividePerInstance ? ' per instance' : ''}`;
  const condition = `${operatorSymbol(metricTrigger.operator)} ${formatNumber(metricTrigger.threshold)}`;
  if (evaluation.metric.value === undefined) {
    return `${name} no data`;
  }
  const observed = formatNumber(evaluation.metric.value);
  return evaluation.fired ? `${name} ${observed} ${condition}` : `${name} ${observed}, not ${condition}`;
}

function describeRules(evaluations: readonly RuleEvaluation[]): string {
  return evaluations.map(describeRule).join(', ');
}

function describeEstimate(estimate: FlappingEstimate, decision: AutoscaleDecision): string {
  const evaluation = decision.rules[estimate.ruleIndex] as RuleEvaluation;
  const { operator, threshold } = evaluation.rule.metricTrigger;
  const verdict = estimate.wouldScaleOut ? 'would fire' : 'would not fire';
  return `estimate ${formatNumber(estimate.observed)} × ${decision.currentCapacity} ÷ ${estimate.capacity} = ${formatNumber(estimate.estimate)} ${verdict} scale-out rule #${estimate.ruleIndex} (${operatorSymbol(operator)} ${formatNumber(threshold)})`;
}

function clampNote(decision: AutoscaleDecision): string {
  const { clamped } = decision;
  return clamped ? `; asked for ${clamped.requested}, held at the ${clamped.limit} ${clamped.to}` : '';
}

/** Returns a one-line explanation of the decision. */
export function describeDecision(decision: AutoscaleDecision): string {
  const { currentCapacity: current, newCapacity: next, profile } = decision;
  const increaseFired = decision.fired.increase.map((index) => decision.rules[index] as RuleEvaluation);
  const decrease = decision.rules.filter((evaluation) => evaluation.rule.scaleAction.direction === 'Decrease');

  switch (decision.reason) {
    case 'Disabled':
      return `no change: the autoscale setting is disabled`;
    case 'BelowMinimum':
      return `scale out ${current} → ${next}: capacity is below the minimum ${profile.capacity.minimum} of profile "${profile.name}"`;
    case 'AboveMaximum':
      return `scale in ${current} → ${next}: capacity is above the maximum ${profile.capacity.maximum} of profile "${profile.name}"`;
    case 'MetricsMissing': {
      const missing = `no data for ${decision.metricsMissing.join(', ')}`;
      return decision.defaultCapacityUsed
        ? `scale out ${current} → ${next} (default capacity): ${missing}`
        : `no change: ${missing}; capacity ${current} is not below the default ${profile.capacity.default}, and missing metrics never scale in`;
    }
    case 'Cooldown': {
      const cooldown = decision.cooldown;
      const last = cooldown?.lastDirection === 'Increase' ? 'scale-out' : 'scale-in';
      const pending = increaseFired.length > 0 ? `; would scale out: ${describeRules(increaseFired)}` : '';
      return `no change (cooldown): ${cooldown?.cooldown} after the last ${last}, ${formatNumber((cooldown?.remainingMs ?? 0) / 1000)} s left${pending}`;
    }
    case 'ScaleOut':
      return `scale out ${current} → ${next}: ${describeRules(increaseFired)}${clampNote(decision)}`;
    case 'AtMaximum':
      return `no change: ${describeRules(increaseFired)}, but capacity ${current} is at the maximum ${profile.capacity.maximum}`;
    case 'AtMinimum':
      return `no change: all scale-in rules fired (${describeRules(decrease)}), but capacity ${current} is at the minimum ${profile.capacity.minimum}`;
    case 'ScaleIn': {
      const checks = (decision.flapping?.estimates ?? []).filter((estimate) => estimate.capacity === next);
      const flapping = checks.length > 0 ? `; ${checks.map((estimate) => describeEstimate(estimate, decision)).join(', ')}` : '';
      return `scale in ${current} → ${next}: all scale-in rules fired (${describeRules(decrease)})${clampNote(decision)}${flapping}`;
    }
    case 'FlappingOccurred': {
      const intended = decision.flapping?.intendedCapacity as number;
      const blocked = (decision.flapping?.estimates ?? []).filter((estimate) => estimate.capacity === intended && estimate.wouldScaleOut);
      return `scale in ${current} → ${next} instead of ${intended} (FlappingOccurred): at ${intended} the ${blocked.map((estimate) => describeEstimate(estimate, decision)).join(', ')}`;
    }
    case 'Flapping': {
      const intended = decision.flapping?.intendedCapacity as number;
      const blocked = (decision.flapping?.estimates ?? []).filter((estimate) => estimate.capacity === intended && estimate.wouldScaleOut);
      return `no change (Flapping): scale-in to ${intended} skipped because the ${blocked.map((estimate) => describeEstimate(estimate, decision)).join(', ')}`;
    }
    case 'NotAllDecreaseRulesFired':
      return `no change: not all scale-in rules fired (${describeRules(decrease)})`;
    case 'NoRuleFired':
      return decision.rules.length === 0 ? 'no change: the profile has no rules' : `no change: no rule fired (${describeRules(decision.rules)})`;
  }
}
