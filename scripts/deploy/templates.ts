/**
 * Locates the generated templates and turns parameter values into the
 * `name=value` arguments of `az deployment group create`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './errors';

export type TemplateStage = 'foundation' | 'main';

/** Path of a stage's template: the ARM JSON when present, else the Bicep file. */
export function templateFile(templatesDir: string, stage: TemplateStage): string {
  for (const extension of ['json', 'bicep']) {
    const candidate = join(templatesDir, `${stage}.${extension}`);
    if (existsSync(candidate)) {
      return candidate;
    }
  }
  throw new UsageError(`template ${join(templatesDir, `${stage}.json`)} not found: run make build-templates first`);
}

/**
 * Renders parameters as `name=value` pairs, skipping undefined values so the
 * template's defaults apply. Non-string values are JSON, which az parses back.
 */
export function parameterArguments(values: Record<string, unknown>): string[] {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) {
      continue;
    }
    pairs.push(`${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  return pairs.length > 0 ? ['--parameters', ...pairs] : [];
}
