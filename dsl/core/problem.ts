/** Validation findings and the error that carries them. */
import type { Resource } from './resource';

/** Formats one finding: where, which property, which value, and what is wrong with it. */
export function problem(where: string, property: string, value: unknown, explanation: string): string {
  return `${where}: ${property} = ${JSON.stringify(value)}: ${explanation}`;
}

export function describeResource(resource: Resource): string {
  return `resource ${resource.symbolicName} (${resource.type})`;
}

export class TemplateValidationError extends Error {
  constructor(
    readonly templateName: string,
    readonly problems: readonly string[],
  ) {
    super(`Template ${templateName} is invalid:\n${problems.map((entry) => `  - ${entry}`).join('\n')}`);
    this.name = 'TemplateValidationError';
  }
}
