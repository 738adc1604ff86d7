/** Every resource-provider validation rule, run after the core rules before emit. */
import type { Rule } from '../core/validation';
import { customDataSizeRule } from './compute-validation';
import { autoscaleSettingRule } from './insights-validation';
import { securityRulePriorityRule, subnetPrefixRule } from './network-validation';
import { postgresDnsZoneRule } from './postgresql-validation';

export const azureRules: readonly Rule[] = [
  subnetPrefixRule,
  securityRulePriorityRule,
  postgresDnsZoneRule,
  customDataSizeRule,
  autoscaleSettingRule,
];
