/**
 * Checks of an autoscale setting that Azure Monitor would reject at deployment, or
 * that make the scale set behave other than intended. Limits are those of the
 * autoscale settings reference:
 * https://learn.microsoft.com/azure/templates/microsoft.insights/autoscalesettings
 */
import type { AutoscaleSettingProperties, ScaleCapacity } from '../autoscale/model';
import { Evaluator } from '../core/evaluate';
import { describeResource, problem } from '../core/problem';
import type { Rule } from '../core/validation';
import { durationSeconds } from './duration';

const minute = 60;
const hour = 3600;

/** Allowed range of each duration, in seconds. */
const durationLimits = {
  timeGrain: { min: minute, max: 12 * hour, text: 'between PT1M and PT12H' },
  timeWindow: { min: 5 * minute, max: 12 * hour, text: 'between PT5M and PT12H' },
  cooldown: { min: minute, max: 7 * 24 * hour, text: 'between PT1M and P7D (one week)' },
} as const;

const maxProfiles = 20;
const maxRulesPerProfile = 10;

function wholeNumber(text: unknown): number | undefined {
  return typeof text === 'string' && /^\d+$/.test(text) ? Number(text) : undefined;
}

function checkCapacity(capacity: ScaleCapacity, where: string, problems: string[]): { minimum: number; maximum: number } | undefined {
  const minimum = wholeNumber(capacity.minimum);
  const maximum = wholeNumber(capacity.maximum);
  const defaultCount = wholeNumber(capacity.default);
  for (const [key, parsed] of [['minimum', minimum], ['maximum', maximum], ['default', defaultCount]] as const) {
    if (parsed === undefined) {
      problems.push(problem(where, `capacity.${key}`, capacity[key], 'must be a whole number of instances written as a string, such as "1"'));
    }
  }
  if (minimum === undefined || maximum === undefined || defaultCount === undefined) {
    return undefined;
  }
  if (!(minimum <= defaultCount && defaultCount <= maximum)) {
    problems.push(
      problem(where, 'capacity', capacity, 'must satisfy minimum <= default <= maximum; raise maximum or lower minimum so default fits between them'),
    );
  }
  return { minimum, maximum };
}

function checkDuration(value: string, limit: keyof typeof durationLimits, where: string, property: string, problems: string[]): void {
  const seconds = durationSeconds(value);
  const { min, max, text } = durationLimits[limit];
  if (seconds === undefined) {
    problems.push(problem(where, property, value, `is not an ISO 8601 duration; write it like PT5M, ${text}`));
  } else if (seconds < min || seconds > max) {
    problems.push(problem(where, property, value, `must be ${text}`));
  }
}

/**
 * Returns one message per problem in `properties`, empty when the setting is valid.
 * Each message names the profile or rule, the property and its value.
 */
export function validateAutoscaleSetting(properties: AutoscaleSettingProperties): string[] {
  const problems: string[] = [];
  const setting = properties.name ? `autoscale setting ${properties.name}` : 'autoscale setting';

  if (properties.profiles.length > maxProfiles) {
    problems.push(problem(setting, 'profiles', `${properties.profiles.length} profiles`, `Azure allows at most ${maxProfiles} profiles; merge some of them`));
  }

  properties.profiles.forEach((profile, profileIndex) => {
    const where = `${setting}, profile ${profile.name ?? profileIndex}`;
    const counts = checkCapacity(profile.capacity, where, problems);

    if (profile.rules.length > maxRulesPerProfile) {
      problems.push(problem(where, 'rules', `${profile.rules.length} rules`, `Azure allows at most ${maxRulesPerProfile} rules in a profile; remove or merge rules`));
    }

    profile.rules.forEach((rule, ruleIndex) => {
      const ruleWhere = `${where}, rule ${ruleIndex}`;
      checkDuration(rule.metricTrigger.timeGrain, 'timeGrain', ruleWhere, 'metricTrigger.timeGrain', problems);
      checkDuration(rule.metricTrigger.timeWindow, 'timeWindow', ruleWhere, 'metricTrigger.timeWindow', problems);
      checkDuration(rule.scaleAction.cooldown, 'cooldown', ruleWhere, 'scaleAction.cooldown', problems);

      const value = wholeNumber(rule.scaleAction.value);
      if (value === undefined || value < 1) {
        problems.push(problem(ruleWhere, 'scaleAction.value', rule.scaleAction.value, 'must be a positive whole number written as a string, such as "1"'));
      } else if (counts && rule.scaleAction.type === 'ChangeCount' && value > counts.maximum - counts.minimum) {
        problems.push(
          problem(
            ruleWhere,
            'scaleAction.value',
            rule.scaleAction.value,
            `changes the count by more than maximum - minimum (${counts.maximum} - ${counts.minimum} = ${counts.maximum - counts.minimum}); lower the step or widen the capacity range`,
          ),
        );
      }
    });
  });
  return problems;
}

/** Validates every autoscale setting of a template with the parameters' default values. */
export const autoscaleSettingRule: Rule = (template, evaluator: Evaluator) =>
  template.resources
    .filter((resource) => resource.type === 'Microsoft.Insights/autoscalesettings' && !resource.existing)
    .flatMap((resource) => {
      const properties = evaluator.evaluate(resource.body.properties) as AutoscaleSettingProperties;
      return validateAutoscaleSetting(properties).map((message) => `${describeResource(resource)}: properties of ${message}`);
    });
