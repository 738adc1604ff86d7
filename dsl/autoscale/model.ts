/**
 * ARM-shaped types of the `properties` of a `Microsoft.Insights/autoscalesettings` resource,
 * with every template expression already resolved to a plain value.
 *
 * Property names, and the string enums, follow the ARM template reference:
 * https://learn.microsoft.com/azure/templates/microsoft.insights/2014-04-01/autoscalesettings
 * and the Azure quickstart that deploys one on a scale set:
 * https://github.com/Azure/azure-quickstart-templates/blob/a9c3ac287559d9df582dac36ac7ce596d52caeaa/201-vmss-scale-existing/azuredeploy.json
 *
 * Durations (`timeGrain`, `timeWindow`, `cooldown`) are ISO 8601 strings such as `PT5M`, and
 * capacities and `scaleAction.value` are strings, because that is how ARM stores them.
 */

/** Comparison between the aggregated metric value and `threshold`. */
export type ComparisonOperator =
  | 'Equals'
  | 'NotEquals'
  | 'GreaterThan'
  | 'GreaterThanOrEqual'
  | 'LessThan'
  | 'LessThanOrEqual';

/** Statistic that combines the samples of all instances inside one time grain. */
export type MetricStatistic = 'Average' | 'Min' | 'Max' | 'Sum' | 'Count';

/** Aggregation that combines the per-grain values inside `timeWindow`. */
export type TimeAggregation = 'Average' | 'Minimum' | 'Maximum' | 'Total' | 'Count' | 'Last';

export type ScaleDirection = 'None' | 'Increase' | 'Decrease';

export type ScaleType = 'ChangeCount' | 'PercentChangeCount' | 'ExactCount' | 'ServiceAllowedNextValue';

export type RecurrenceFrequency =
  | 'None'
  | 'Second'
  | 'Minute'
  | 'Hour'
  | 'Day'
  | 'Week'
  | 'Month'
  | 'Year';

/** Filter on one metric dimension (ARM capitalises these three keys). */
export interface ScaleRuleMetricDimension {
  DimensionName: string;
  Operator: 'Equals' | 'NotEquals';
  Values: string[];
}

/** Condition that makes a rule fire. */
export interface MetricTrigger {
  metricName: string;
  metricNamespace?: string;
  metricResourceUri: string;
  metricResourceLocation?: string;
  /** ISO 8601 duration of one metric grain, for example `PT1M`. */
  timeGrain: string;
  statistic: MetricStatistic;
  /** ISO 8601 duration the grains are aggregated over, for example `PT5M`. */
  timeWindow: string;
  timeAggregation: TimeAggregation;
  operator: ComparisonOperator;
  threshold: number;
  dimensions?: ScaleRuleMetricDimension[];
  dividePerInstance?: boolean;
}

/** Capacity change made when the rule fires. */
export interface ScaleAction {
  direction: ScaleDirection;
  type: ScaleType;
  /** Instance count, percentage or exact target, as a decimal string. */
  value: string;
  /** ISO 8601 duration to wait after a scale action before the next one. */
  cooldown: string;
}

export interface ScaleRule {
  metricTrigger: MetricTrigger;
  scaleAction: ScaleAction;
}

/** Instance counts as decimal strings. */
export interface ScaleCapacity {
  minimum: string;
  maximum: string;
  default: string;
}

/** Absolute period in which a profile applies. */
export interface FixedDate {
  timeZone?: string;
  /** ISO 8601 date-time. */
  start: string;
  /** ISO 8601 date-time. */
  end: string;
}

export interface RecurrentSchedule {
  /** Windows time zone name, for example `UTC` or `Pacific Standard Time`. */
  timeZone: string;
  /** Day names in English, for example `Monday`. */
  days: string[];
  hours: number[];
  minutes: number[];
}

/** Weekly repetition at which a profile starts (ARM accepts only `Week` for autoscale). */
export interface Recurrence {
  frequency: RecurrenceFrequency;
  schedule: RecurrentSchedule;
}

export interface AutoscaleProfile {
  name: string;
  capacity: ScaleCapacity;
  rules: ScaleRule[];
  fixedDate?: FixedDate;
  recurrence?: Recurrence;
}

export interface EmailNotification {
  sendToSubscriptionAdministrator?: boolean;
  sendToSubscriptionCoAdministrators?: boolean;
  customEmails?: string[];
}

export interface WebhookNotification {
  serviceUri: string;
  properties?: Record<string, string>;
}

export interface AutoscaleNotification {
  operation: 'Scale';
  email?: EmailNotification;
  webhooks?: WebhookNotification[];
}

/** The `properties` object of the autoscale setting resource. */
export interface AutoscaleSettingProperties {
  name?: string;
  enabled: boolean;
  profiles: AutoscaleProfile[];
  notifications?: AutoscaleNotification[];
  targetResourceUri?: string;
  targetResourceLocation?: string;
}
