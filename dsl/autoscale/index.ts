/** Public surface of the autoscale engine. */
export type * from './model';
export type { AutoscaleDecision, DecisionReason, ProfileCapacity } from './decision';
export type { AutoscaleState, CooldownStatus } from './cooldown';
export type { EvaluationOptions } from './evaluation-options';
export type { FlappingCheck, FlappingEstimate, FlappingEvent } from './flapping';
export type { MetricSample, MetricSamples, AggregatedMetric, GrainValue } from './metric-aggregation';
export type { RuleEvaluation } from './rule-evaluation';
export type { SelectedProfile, ProfileKind } from './profile-selection';
export { evaluateAutoscale, profileCapacity, type AutoscaleInput } from './engine';
export { describeDecision, describeRule } from './decision-message';
export { parseDuration, formatDuration } from './duration';
export { selectProfile } from './profile-selection';
