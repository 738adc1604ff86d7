/** ISO 8601 durations as ARM writes them (`PT5M`, `PT1H30M`, `P1D`, `P1W`). */

const pattern = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Seconds in `text`, or undefined when it is not a duration of weeks, days, hours, minutes and seconds. */
export function durationSeconds(text: string): number | undefined {
  const match = pattern.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) {
    return undefined;
  }
  const [, weeks, days, hours, minutes, seconds] = match.map((group) => Number(group ?? 0));
  return weeks * 604800 + days * 86400 + hours * 3600 + minutes * 60 + seconds;
}
