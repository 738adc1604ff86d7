/** Names and constants shared by the foundation and main templates. */
import type { ParameterOptions } from '../core/parameter';

/** The storage account name is the prefix plus 13 characters, and may have at most 24. */
export const prefixParameterOptions: ParameterOptions = {
  type: 'string',
  description: 'Lowercase letters and digits that start every resource name; use the same value for both templates.',
  defaultValue: 'vmss',
  minLength: 1,
  maxLength: 11,
};

export const releaseContainerName = 'releases';
