/**
 * Sources of the autoscale setting that `explain` replays: the topology's own setting by default,
 * which is the one the templates deploy, or a JSON file.
 */
import { readFileSync } from 'node:fs';
import type { AutoscaleSettingProperties } from '../model';

type ResolveSetting = (parameterValues?: Record<string, unknown>) => AutoscaleSettingProperties;
type ValidateSetting = (properties: AutoscaleSettingProperties) => string[];

function isMissingModule(error: unknown, request: string): boolean {
  const code = (error as { code?: string }).code;
  return code === 'MODULE_NOT_FOUND' && String((error as Error).message).includes(request);
}

/**
 * Loads a module of the DSL by path, or returns undefined when the file does not exist.
 * The require is dynamic so the engine builds while the DSL's side is still being written.
 */
function optionalDslModule<T>(request: string): T | undefined {
  try {
    return require(request) as T;
  } catch (error) {
    if (isMissingModule(error, request)) {
      return undefined;
    }
    throw error;
  }
}

/** Returns the topology's resolved autoscale setting, with parameter defaults or the given values. */
export function topologySetting(parameterValues?: Record<string, unknown>): AutoscaleSettingProperties {
  const resolved = optionalDslModule<{ resolvedAutoscaleSetting?: ResolveSetting }>('../../topology/resolved');
  if (!resolved?.resolvedAutoscaleSetting) {
    throw new Error(
      'The topology autoscale setting is not available: dsl/topology/resolved.ts with resolvedAutoscaleSetting() is missing. Pass --setting FILE with an autoscale setting JSON instead.',
    );
  }
  return resolved.resolvedAutoscaleSetting(parameterValues);
}

/**
 * Validates a setting with the DSL's own rules (capacity order, window, cooldown, value ≤
 * maximum − minimum). Returns the messages, or undefined when the DSL's validation is not present.
 */
export function validateWithDsl(setting: AutoscaleSettingProperties): string[] | undefined {
  const validation = optionalDslModule<{ validateAutoscaleSetting?: ValidateSetting }>('../../azure/insights-validation');
  return validation?.validateAutoscaleSetting?.(setting);
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
