/**
 * ISO 8601 durations as ARM stores them in autoscale settings (`PT1M`, `PT5M`, `PT1H30M`, `P1D`).
 * Years and months are rejected because their length depends on the calendar.
 */

const DURATION_PATTERN = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const MS_PER_SECOND = 1000;
const MS_PER_MINUTE = 60 * MS_PER_SECOND;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
const MS_PER_DAY = 24 * MS_PER_HOUR;

export class InvalidDurationError extends Error {
  constructor(readonly value: string) {
    super(`Invalid ISO 8601 duration "${value}": use a form such as PT1M, PT5M, PT1H or P1D (weeks, days, hours, minutes, seconds).`);
    this.name = 'InvalidDurationError';
  }
}

/** Parses an ISO 8601 duration into milliseconds. */
export function parseDuration(value: string): number {
  const match = DURATION_PATTERN.exec(value.trim().toUpperCase());
  if (!match || value.trim().toUpperCase() === 'P' || value.trim().toUpperCase().endsWith('T')) {
    throw new InvalidDurationError(value);
  }

  const [, weeks, days, hours, minutes, seconds] = match.map((part) => (part === undefined ? 0 : Number(part)));
  return Math.round(
    (weeks as number) * 7 * MS_PER_DAY +
      (days as number) * MS_PER_DAY +
      (hours as number) * MS_PER_HOUR +
      (minutes as number) * MS_PER_MINUTE +
      (seconds as number) * MS_PER_SECOND,
  );
}

/** Formats milliseconds as the shortest ISO 8601 duration with days, hours, minutes and seconds. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new RangeError(`Cannot format ${ms} ms as a duration: expected a finite number of milliseconds, zero or more.`);
  }
  if (ms === 0) {
    return 'PT0S';
  }

  let rest = ms;
  const days = Math.floor(rest / MS_PER_DAY);
  rest -= days * MS_PER_DAY;
  const hours = Math.floor(rest / MS_PER_HOUR);
  rest -= hours * MS_PER_HOUR;
  const minutes = Math.floor(rest / MS_PER_MINUTE);
  rest -= minutes * MS_PER_MINUTE;
  const seconds = rest / MS_PER_SECOND;

  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${Number(seconds.toFixed(3))}S` : ''}`;
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}
