/**
 * Sources of the autoscale setting that `explain` replays: the topology's own setting by default,
 * which is the one the templates deploy, or a JSON file.
 */
import { readFileSync } from 'node:fs';
import type { AutoscaleSettingProperties } from '../model';
import { validateAutoscaleSetting } from '../../azure/insights-validation';
import { resolvedAutoscaleSetting } from '../../topology/resolved';

/** Returns the topology's resolved autoscale setting, with parameter defaults or the given values. */
export function topologySetting(parameterValues?: Record<string, unknown>): AutoscaleSettingProperties {
  return resolvedAutoscaleSetting(parameterValues);
}

/**
 * Validates a setting with the DSL's own rules (capacity order, window, cooldown, value ≤
 * maximum − minimum) and returns the problems. An empty list means that the setting is valid.
 */
export function validateWithDsl(setting: AutoscaleSettingProperties): string[] {
  return validateAutoscaleSetting(setting);
}

function looksLikeSetting(value: unknown): value is AutoscaleSettingProperties {
  return typeof value === 'object' && value !== null && Array.isArray((value as { profiles?: unknown }).profiles);
}

/**
 * Reads an autoscale setting from a JSON file: either the `properties` object itself or a whole
 * `Microsoft.Insights/autoscalesettings` resource with resolved values.
 */
export function settingFromFile(path: string): AutoscaleSettingProperties {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the autoscale setting from ${path}: ${(error as Error).message}. Give a JSON file with "profiles".`);
  }
  const candidate = looksLikeSetting(parsed) ? parsed : (parsed as { properties?: unknown } | null)?.properties;
  if (!looksLikeSetting(candidate)) {
    throw new Error(`Invalid autoscale setting in ${path}: expected an object with a "profiles" array, or a resource whose "properties" has one.`);
  }
  return { ...candidate, enabled: candidate.enabled ?? true };
}
