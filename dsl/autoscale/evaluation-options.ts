import { parseDuration } from './duration';

/** Knobs of an evaluation that are not part of the autoscale setting. */
export interface EvaluationOptions {
  /**
   * Divides every duration of the setting (timeGrain, timeWindow, cooldown) so a rehearsal can
   * run minutes of autoscale behaviour in seconds. 1 = real time.
   */
  timeScale?: number;
  /**
   * Milliseconds between a sample's timestamp and the moment the engine can read it. The metric
   * window ends this long before the evaluation time. Azure documents no fixed value, so 0 is the
   * default. Set it to see how a late metric delays decisions.
   */
  ingestionDelayMs?: number;
}

/** Returns the duration in milliseconds, divided by the time scale. */
export function scaledDuration(isoDuration: string, options: EvaluationOptions | undefined): number {
  const timeScale = options?.timeScale ?? 1;
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
    throw new RangeError(`Invalid time scale ${timeScale}: expected a finite number greater than 0 (1 = real time).`);
  }
  return parseDuration(isoDuration) / timeScale;
}
