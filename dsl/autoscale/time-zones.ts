/**
 * Wall-clock arithmetic in the time zones that autoscale profiles name. ARM takes Windows time
 * zone IDs (`Pacific Standard Time`), but Node.js's Intl expects IANA names. So common
 * Windows IDs are mapped here, and an IANA name is also accepted as is.
 */

const WINDOWS_TO_IANA: Readonly<Record<string, string>> = {
  UTC: 'UTC',
  'Coordinated Universal Time': 'UTC',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Central European Standard Time': 'Europe/Warsaw',
  'Romance Standard Time': 'Europe/Paris',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'FLE Standard Time': 'Europe/Kiev',
  'GTB Standard Time': 'Europe/Bucharest',
  'Russian Standard Time': 'Europe/Moscow',
  'Eastern Standard Time': 'America/New_York',
  'Central Standard Time': 'America/Chicago',
  'Mountain Standard Time': 'America/Denver',
  'Pacific Standard Time': 'America/Los_Angeles',
  'Alaskan Standard Time': 'America/Anchorage',
  'Hawaiian Standard Time': 'Pacific/Honolulu',
  'SA Pacific Standard Time': 'America/Bogota',
  'E. South America Standard Time': 'America/Sao_Paulo',
  'Argentina Standard Time': 'America/Buenos_Aires',
  'India Standard Time': 'Asia/Kolkata',
  'China Standard Time': 'Asia/Shanghai',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'Korea Standard Time': 'Asia/Seoul',
  'Singapore Standard Time': 'Asia/Singapore',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  'New Zealand Standard Time': 'Pacific/Auckland',
  'South Africa Standard Time': 'Africa/Johannesburg',
  'Arabian Standard Time': 'Asia/Dubai',
};

export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export interface WallClock {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday, as `Date.getUTCDay()`. */
  weekday: number;
}

export class UnknownTimeZoneError extends Error {
  constructor(readonly timeZone: string) {
    super(
      `Unknown time zone "${timeZone}": use UTC, an IANA name such as Europe/Madrid, or one of the Windows IDs ${Object.keys(WINDOWS_TO_IANA).join(', ')}.`,
    );
    this.name = 'UnknownTimeZoneError';
  }
}

/** Resolves a Windows time zone ID or IANA name to an IANA name that Intl accepts. */
export function toIanaTimeZone(timeZone: string | undefined): string {
  const name = (timeZone ?? 'UTC').trim() || 'UTC';
  const mapped = WINDOWS_TO_IANA[name];
  if (mapped) {
    return mapped;
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name;
  } catch {
    throw new UnknownTimeZoneError(name);
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(ianaZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(ianaZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: ianaZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(ianaZone, formatter);
  }
  return formatter;
}

/** Returns the wall clock in `ianaZone` at the instant `utcMs`. */
export function wallClockAt(utcMs: number, ianaZone: string): WallClock {
  const parts = Object.fromEntries(formatterFor(ianaZone).formatToParts(new Date(utcMs)).map((part) => [part.type, part.value]));
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  return {
    year,
    month,
    day,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  };
}

function offsetAt(utcMs: number, ianaZone: string): number {
  const clock = wallClockAt(utcMs, ianaZone);
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * Converts a wall-clock time in `ianaZone` to a UTC instant. Months and days may overflow (day 0,
 * day 32), as with `Date.UTC`. In a daylight-saving gap the result is shifted by the gap.
 */
export function utcFromWallClock(
  ianaZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = guess - offsetAt(guess, ianaZone);
  return guess - offsetAt(first, ianaZone);
}

/**
 * Parses an ISO 8601 date-time from a profile. With `Z` or an offset, it is absolute. Without
 * one, it is a wall-clock time in `timeZone`, as the portal writes fixed-date profiles.
 */
export function parseProfileDateTime(value: string, timeZone: string | undefined): number {
  const trimmed = value.trim();
  if (/(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed)) {
    const absolute = Date.parse(trimmed);
    if (Number.isNaN(absolute)) {
      throw new RangeError(`Invalid date-time "${value}": use ISO 8601, for example 2026-12-26T00:00:00Z.`);
    }
    return absolute;
  }

  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(trimmed);
  if (!match) {
    throw new RangeError(`Invalid date-time "${value}": use ISO 8601, for example 2026-12-26T00:00:00.`);
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  return utcFromWallClock(toIanaTimeZone(timeZone), year as number, month as number, day as number, hour, minute, second);
}
