/**
 * Announces the steps of a command as they run: a numbered line when a step
 * starts and its duration when it ends, so a slow deployment shows where it is.
 */
import { StepError, describeError } from './errors';

export interface ProgressSink {
  write(text: string): unknown;
}

/** Runs named steps in order and prints their progress to `out`. */
export class Steps {
  private index = 0;
  private readonly now: () => number;

  constructor(
    private readonly out: ProgressSink,
    private readonly total: number,
    now: () => number = Date.now,
  ) {
    this.now = now;
  }

  /** Prints a line under the current step, such as one deployment operation. */
  detail(text: string): void {
    this.out.write(`      ${text}\n`);
  }

  /** Prints a line that belongs to no step. */
  note(text: string): void {
    this.out.write(`${text}\n`);
  }

  /**
   * Runs `action` as the next step. A failure becomes a {@link StepError}
   * naming the step; a StepError thrown inside keeps its own step name.
   */
  async run<T>(name: string, action: () => Promise<T>): Promise<T> {
    this.index += 1;
    const started = this.now();
    this.out.write(`[${this.index}/${this.total}] ${name}\n`);
    try {
      const value = await action();
      const seconds = ((this.now() - started) / 1000).toFixed(1);
      this.out.write(`      done in ${seconds} s\n`);
      return value;
    } catch (error) {
      if (error instanceof StepError) {
        throw error;
      }
      throw new StepError(name, describeError(error));
    }
  }
}
