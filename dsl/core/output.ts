/** Template outputs: values the deployment returns. */
import type { Value } from './expression';
import type { ParameterType } from './parameter';

export interface Output {
  name: string;
  type: ParameterType;
  value: Value;
  description?: string;
}
