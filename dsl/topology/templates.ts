/** The templates the project deploys, validated and rendered to the files of `generated/`. */
import { emitArm } from '../core/arm-emitter';
import { emitBicep } from '../core/bicep-emitter';
import type { Template } from '../core/template';
import { assertValidTemplate } from '../core/validation';
import { azureRules } from '../azure/rules';
import { buildFoundation } from './foundation';
import { buildMain } from './main';

/** In deployment order: the foundation before the release upload, main after it. */
export function buildTemplates(): Template[] {
  return [buildFoundation(), buildMain()];
}

/**
 * Validates every template and renders each as `<name>.bicep` and `<name>.json`.
 * Returns file name to content, in a stable order.
 */
export function renderTemplates(templates: readonly Template[] = buildTemplates()): Map<string, string> {
  const files = new Map<string, string>();
  for (const template of templates) {
    assertValidTemplate(template, azureRules);
    files.set(`${template.name}.bicep`, emitBicep(template));
    files.set(`${template.name}.json`, emitArm(template));
  }
  return files;
}
