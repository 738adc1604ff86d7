/**
 * Chooses the profile that applies at an instant, as Azure Monitor autoscale does on each run.
 * It checks fixed-date profiles first, then recurring profiles, then the default profile, and
 * uses the first suitable one.
 * Source: https://learn.microsoft.com/azure/azure-monitor/autoscale/autoscale-understanding-settings#which-profile-will-autoscale-use
 * and https://learn.microsoft.com/azure/azure-monitor/autoscale/autoscale-multiprofile
 */
import type { AutoscaleProfile, AutoscaleSettingProperties, Recurrence } from './model';
import { DAY_NAMES, parseProfileDateTime, toIanaTimeZone, utcFromWallClock, wallClockAt } from './time-zones';

export type ProfileKind = 'fixedDate' | 'recurrence' | 'default';

export interface SelectedProfile {
  profile: AutoscaleProfile;
  kind: ProfileKind;
  /** Position in `profiles`, for messages. */
  index: number;
  /** Start of the fixed date or of the latest recurrence, as epoch milliseconds. */
  activeSince?: number;
}

export class NoApplicableProfileError extends Error {
  constructor(readonly time: number) {
    super(
      `No autoscale profile applies at ${new Date(time).toISOString()}: add a profile without fixedDate and recurrence to serve as the default.`,
    );
    this.name = 'NoApplicableProfileError';
  }
}

const DAYS_PER_WEEK = 7;

function dayIndex(name: string): number {
  const index = DAY_NAMES.findIndex((day) => day.toLowerCase() === name.trim().toLowerCase());
  if (index < 0) {
    throw new RangeError(`Invalid recurrence day "${name}": use an English day name such as Monday.`);
  }
  return index;
}

/**
 * Returns the latest start of a weekly recurrence at or before `now`, or undefined when the
 * schedule lists no day, hour or minute.
 */
export function latestRecurrenceStart(recurrence: Recurrence, now: number): number | undefined {
  const { schedule } = recurrence;
  const zone = toIanaTimeZone(schedule.timeZone);
  const days = new Set(schedule.days.map(dayIndex));
  const today = wallClockAt(now, zone);
  let latest: number | undefined;

  // A weekly schedule starts at least once in the last seven days, so eight calendar days suffice.
  for (let back = 0; back <= DAYS_PER_WEEK; back += 1) {
    const weekday = (((today.weekday - back) % DAYS_PER_WEEK) + DAYS_PER_WEEK) % DAYS_PER_WEEK;
    if (!days.has(weekday)) {
      continue;
    }
    for (const hour of schedule.hours) {
      for (const minute of schedule.minutes) {
        const start = utcFromWallClock(zone, today.year, today.month, today.day - back, hour, minute);
        if (start <= now && (latest === undefined || start > latest)) {
          latest = start;
        }
      }
    }
  }
  return latest;
}

/**
 * Selects the profile that applies at `now`. A recurring profile has no end: it stays active until
 * another recurring profile starts, so the one with the latest start wins.
 */
export function selectProfile(setting: AutoscaleSettingProperties, now: number): SelectedProfile {
  const { profiles } = setting;

  for (const [index, profile] of profiles.entries()) {
    const { fixedDate } = profile;
    if (!fixedDate) {
      continue;
    }
    const start = parseProfileDateTime(fixedDate.start, fixedDate.timeZone);
    const end = parseProfileDateTime(fixedDate.end, fixedDate.timeZone);
    if (start <= now && now <= end) {
      return { profile, kind: 'fixedDate', index, activeSince: start };
    }
  }

  let recurring: SelectedProfile | undefined;
  for (const [index, profile] of profiles.entries()) {
    if (profile.fixedDate || !profile.recurrence) {
      continue;
    }
    const start = latestRecurrenceStart(profile.recurrence, now);
    if (start !== undefined && (recurring === undefined || start > (recurring.activeSince as number))) {
      recurring = { profile, kind: 'recurrence', index, activeSince: start };
    }
  }
  if (recurring) {
    return recurring;
  }

  const defaultIndex = profiles.findIndex((profile) => !profile.fixedDate && !profile.recurrence);
  if (defaultIndex < 0) {
    throw new NoApplicableProfileError(now);
  }
  return { profile: profiles[defaultIndex] as AutoscaleProfile, kind: 'default', index: defaultIndex };
}
