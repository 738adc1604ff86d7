/** Template variables: named values computed once and referenced by name. */
import { Expression, type Value } from './expression';

export class Variable<T = unknown> {
  readonly ref: Expression<T>;

  constructor(
    readonly name: string,
    readonly value: Value,
  ) {
    this.ref = new Expression<T>({ kind: 'variable', variable: this });
  }
}
