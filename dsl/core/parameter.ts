/** Template parameters: typed inputs with a description, constraints and an optional default. */
import { Expression, type Value } from './expression';

export type ParameterType = 'string' | 'int' | 'bool' | 'object' | 'array';

export interface ParameterOptions {
  type: ParameterType;
  /** Shown by `az deployment` and the portal; required on every parameter. */
  description: string;
  defaultValue?: Value;
  /** Marks the value as secret: ARM never logs or returns it. */
  secure?: boolean;
  allowedValues?: readonly (string | number)[];
  minValue?: number;
  maxValue?: number;
  minLength?: number;
  maxLength?: number;
}

export class Parameter<T = unknown> {
  readonly ref: Expression<T>;

  constructor(
    readonly name: string,
    readonly options: ParameterOptions,
  ) {
    this.ref = new Expression<T>({ kind: 'parameter', parameter: this });
  }

  get secure(): boolean {
    return this.options.secure === true;
  }
}
