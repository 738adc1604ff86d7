/** The result of one autoscale run, as the engine returns it and the timeline records it. */
import type { CooldownStatus, AutoscaleState } from './cooldown';
import type { FlappingCheck } from './flapping';
import type { ProfileKind } from './profile-selection';
import type { RuleEvaluation } from './rule-evaluation';

/**
 * Reason a run ended as it did.
 * - `ScaleOut` / `ScaleIn`: a rule set fired and the capacity changed.
 * - `FlappingOccurred`: a scale-in happened with a smaller step than the rules asked, to avoid flapping.
 * - `Flapping`: a scale-in was skipped because every smaller count would trigger a scale-out.
 * - `Cooldown`: the last scale action's cooldown blocks any change.
 * - `BelowMinimum` / `AboveMaximum`: the capacity was outside the profile's limits and was set to the limit.
 * - `MetricsMissing`: a rule's metric had no data, so the capacity is raised to `default` if below it, never lowered.
 * - `AtMaximum` / `AtMinimum`: rules fired but the capacity is already at the limit.
 * - `NotAllDecreaseRulesFired`: some, but not all, scale-in rules fired.
 * - `NoRuleFired`: nothing to do.
 * - `Disabled`: the setting has `enabled: false`.
 */
export type DecisionReason =
  | 'ScaleOut'
  | 'ScaleIn'
  | 'FlappingOccurred'
  | 'Flapping'
  | 'Cooldown'
  | 'BelowMinimum'
  | 'AboveMaximum'
  | 'MetricsMissing'
  | 'AtMaximum'
  | 'AtMinimum'
  | 'NotAllDecreaseRulesFired'
  | 'NoRuleFired'
  | 'Disabled';

export interface ProfileCapacity {
  minimum: number;
  maximum: number;
  default: number;
}

export interface AutoscaleDecision {
  /** Epoch milliseconds of the run. */
  time: number;
  profile: { name: string; kind: ProfileKind; index: number; capacity: ProfileCapacity };
  currentCapacity: number;
  newCapacity: number;
  direction: 'Increase' | 'Decrease' | 'None';
  reason: DecisionReason;
  /** One-line explanation with the values behind the decision. */
  message: string;
  rules: RuleEvaluation[];
  /** Indexes of the rules that fired, by direction. */
  fired: { increase: number[]; decrease: number[] };
  /** Set when a scale-in was checked for flapping. */
  flapping?: FlappingCheck;
  /** Set when a previous scale action exists. */
  cooldown?: CooldownStatus;
  /** Set when the capacity a rule asked for, or the current capacity, was cut to a limit. */
  clamped?: { requested: number; limit: 'minimum' | 'maximum'; to: number };
  /** True when the capacity was raised to `default` because metrics were missing. */
  defaultCapacityUsed: boolean;
  /** Names of the metrics with no data in their window. */
  metricsMissing: string[];
  /** State to pass to the next run. */
  state: AutoscaleState;
}
