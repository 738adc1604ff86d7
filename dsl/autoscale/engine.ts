/**
 * One run of the autoscale engine, deciding as Azure Monitor autoscale does. Pure and
 * deterministic: the caller passes the setting, the samples, the capacity, the time and the
 * state of the previous run, and gets the new capacity with the reason.
 *
 * Order of a run, with sources:
 * 1. Choose the profile for the time (profile-selection.ts). Its limits apply at once.
 * 2. Keep the capacity inside [minimum, maximum] on every run: a count set outside the range is
 *    brought back to the nearest limit.
 *    https://learn.microsoft.com/azure/azure-monitor/autoscale/autoscale-best-practices#manual-scaling-is-reset-by-autoscale-minimum-and-maximum
 * 3. When a metric cannot be read, scale out to `default` if below it, and never scale in.
 *    https://learn.microsoft.com/azure/azure-monitor/autoscale/autoscale-best-practices#always-select-a-safe-default-instance-count
 * 4. One cooldown clock, set by the last scale action, blocks both directions (cooldown.ts).
 * 5. Scale out if ANY increase rule fires, to the largest capacity requested. Otherwise, scale in
 *    only if ALL decrease rules fire, by the smallest reduction requested, after the flapping
 *    check (flapping.ts).
 *    https://learn.microsoft.com/azure/azure-monitor/autoscale/autoscale-understanding-settings#how-does-autoscale-evaluate-multiple-rules
 *    https://learn.microsoft.com/azure/azure-monitor/autoscale/autoscale-best-practices#considerations-for-multiple-rules-configured-in-a-profile
 *
 * The engine runs every 30 to 60 seconds in Azure, depending on the resource type
 * (https://learn.microsoft.com/azure/azure-monitor/autoscale/autoscale-understanding-settings#autoscale-evaluation);
 * here the caller chooses the interval by calling it.
 */
import type { AutoscaleProfile, AutoscaleSettingProperties, ScaleRule } from './model';
import type { EvaluationOptions } from './evaluation-options';
import type { MetricSamples } from './metric-aggregation';
import type { AutoscaleDecision, DecisionReason, ProfileCapacity } from './decision';
import { type AutoscaleState, cooldownStatus } from './cooldown';
import { describeDecision } from './decision-message';
import { checkFlapping } from './flapping';
import { selectProfile } from './profile-selection';
import { type RuleEvaluation, evaluateRules } from './rule-evaluation';

export interface AutoscaleInput {
  setting: AutoscaleSettingProperties;
  /** Samples by metric name, for example `{ 'Percentage CPU': [...] }`. */
  samples: MetricSamples;
  currentCapacity: number;
  /** Epoch milliseconds of this run. */
  now: number;
  state: AutoscaleState;
  options?: EvaluationOptions;
}

function parseCount(value: string, field: string, profile: AutoscaleProfile): number {
  const count = Number(value);
  if (value.trim() === '' || !Number.isInteger(count) || count < 0) {
    throw new RangeError(`Invalid capacity.${field} "${value}" in profile "${profile.name}": expected a whole number, zero or more, as a string.`);
  }
  return count;
}

/** Parses a profile's capacity strings and checks minimum ≤ default ≤ maximum. */
export function profileCapacity(profile: AutoscaleProfile): ProfileCapacity {
  const capacity = {
    minimum: parseCount(profile.capacity.minimum, 'minimum', profile),
    maximum: parseCount(profile.capacity.maximum, 'maximum', profile),
    default: parseCount(profile.capacity.default, 'default', profile),
  };
  if (!(capacity.minimum <= capacity.default && capacity.default <= capacity.maximum)) {
    throw new RangeError(
      `Invalid capacity in profile "${profile.name}": expected minimum ≤ default ≤ maximum, got ${capacity.minimum}, ${capacity.default}, ${capacity.maximum}.`,
    );
  }
  return capacity;
}

type Outcome = Pick<AutoscaleDecision, 'newCapacity' | 'reason'> & Partial<Pick<AutoscaleDecision, 'flapping' | 'clamped'>> & {
  defaultCapacityUsed?: boolean;
  /** Rule whose cooldown starts with this action. */
  actingRule?: ScaleRule;
};

function decideScaleOut(increaseFired: readonly RuleEvaluation[], current: number, capacity: ProfileCapacity): Outcome {
  const winner = increaseFired.reduce((best, evaluation) => (evaluation.requestedCapacity > best.requestedCapacity ? evaluation : best));
  const target = Math.min(winner.requestedCapacity, capacity.maximum);
  const clamped = target < winner.requestedCapacity ? { requested: winner.requestedCapacity, limit: 'maximum' as const, to: target } : undefined;
  if (target <= current) {
    return { newCapacity: current, reason: 'AtMaximum', clamped };
  }
  return { newCapacity: target, reason: 'ScaleOut', clamped, actingRule: winner.rule };
}

function decideScaleIn(
  decreaseRules: readonly RuleEvaluation[],
  increaseRules: readonly RuleEvaluation[],
  current: number,
  capacity: ProfileCapacity,
): Outcome {
  const winner = decreaseRules.reduce((best, evaluation) => (evaluation.requestedCapacity > best.requestedCapacity ? evaluation : best));
  const intended = Math.max(winner.requestedCapacity, capacity.minimum);
  const clamped = intended > winner.requestedCapacity ? { requested: winner.requestedCapacity, limit: 'minimum' as const, to: intended } : undefined;
  if (intended >= current) {
    return { newCapacity: current, reason: 'AtMinimum', clamped };
  }

  const flapping = checkFlapping(current, intended, increaseRules);
  if (flapping.actualCapacity === undefined) {
    return { newCapacity: current, reason: 'Flapping', flapping, clamped };
  }
  const reason: DecisionReason = flapping.event === 'FlappingOccurred' ? 'FlappingOccurred' : 'ScaleIn';
  return { newCapacity: flapping.actualCapacity, reason, flapping, clamped, actingRule: winner.rule };
}

function decideFromRules(evaluations: readonly RuleEvaluation[], current: number, capacity: ProfileCapacity): Outcome {
  const increase = evaluations.filter((evaluation) => evaluation.rule.scaleAction.direction === 'Increase');
  const decrease = evaluations.filter((evaluation) => evaluation.rule.scaleAction.direction === 'Decrease');
  const increaseFired = increase.filter((evaluation) => evaluation.fired);
  if (increaseFired.length > 0) {
    return decideScaleOut(increaseFired, current, capacity);
  }

  const decreaseFired = decrease.filter((evaluation) => evaluation.fired);
  if (decrease.length > 0 && decreaseFired.length === decrease.length) {
    return decideScaleIn(decrease, increase, current, capacity);
  }
  return { newCapacity: current, reason: decreaseFired.length > 0 ? 'NotAllDecreaseRulesFired' : 'NoRuleFired' };
}

/** Runs the engine once and returns the decision with its reason and the state for the next run. */
export function evaluateAutoscale(input: AutoscaleInput): AutoscaleDecision {
  const { setting, samples, currentCapacity: current, now, state, options } = input;
  if (!Number.isInteger(current) || current < 0) {
    throw new RangeError(`Invalid current capacity ${current}: expected a whole number of instances, zero or more.`);
  }

  const selected = selectProfile(setting, now);
  const capacity = profileCapacity(selected.profile);
  const rules = evaluateRules(selected.profile.rules, samples, now, current, options);
  const cooldown = cooldownStatus(state, now, options);
  const metricsMissing = [...new Set(rules.filter((evaluation) => evaluation.metric.value === undefined).map((evaluation) => evaluation.metric.metricName))];

  let outcome: Outcome;
  if (!setting.enabled) {
    outcome = { newCapacity: current, reason: 'Disabled' };
  } else if (current < capacity.minimum) {
    // NOTE: bringing the count back inside the limits is not a rule's action, so it neither waits
    // for nor starts a cooldown. Azure does not document how the two interact.
    outcome = { newCapacity: capacity.minimum, reason: 'BelowMinimum', clamped: { requested: current, limit: 'minimum', to: capacity.minimum } };
  } else if (current > capacity.maximum) {
    outcome = { newCapacity: capacity.maximum, reason: 'AboveMaximum', clamped: { requested: current, limit: 'maximum', to: capacity.maximum } };
  } else if (metricsMissing.length > 0) {
    // NOTE: raising to `default` protects availability, so it is not held back by the cooldown;
    // Azure does not document how the two interact.
    outcome = current < capacity.default
      ? { newCapacity: capacity.default, reason: 'MetricsMissing', defaultCapacityUsed: true }
      : { newCapacity: current, reason: 'MetricsMissing' };
  } else if (cooldown?.active) {
    outcome = { newCapacity: current, reason: 'Cooldown' };
  } else {
    outcome = decideFromRules(rules, current, capacity);
  }

  let direction: AutoscaleDecision['direction'] = 'None';
  if (outcome.newCapacity > current) {
    direction = 'Increase';
  } else if (outcome.newCapacity < current) {
    direction = 'Decrease';
  }
  const nextState: AutoscaleState =
    outcome.actingRule && direction !== 'None'
      ? { lastScaleAction: { time: now, direction, cooldown: outcome.actingRule.scaleAction.cooldown } }
      : state;

  const decision: AutoscaleDecision = {
    time: now,
    profile: { name: selected.profile.name, kind: selected.kind, index: selected.index, capacity },
    currentCapacity: current,
    newCapacity: outcome.newCapacity,
    direction,
    reason: outcome.reason,
    message: '',
    rules,
    fired: {
      increase: rules.filter((evaluation) => evaluation.fired && evaluation.rule.scaleAction.direction === 'Increase').map((evaluation) => evaluation.index),
      decrease: rules.filter((evaluation) => evaluation.fired && evaluation.rule.scaleAction.direction === 'Decrease').map((evaluation) => evaluation.index),
    },
    flapping: outcome.flapping,
    cooldown,
    clamped: outcome.clamped,
    defaultCapacityUsed: outcome.defaultCapacityUsed ?? false,
    metricsMissing,
    state: nextState,
  };
  return { ...decision, message: describeDecision(decision) };
}
