import { formatDuration, InvalidDurationError, parseDuration } from '../duration';

describe('parseDuration', () => {
  it.each([
    ['PT1M', 60_000],
    ['PT5M', 300_000],
    ['PT30S', 30_000],
    ['PT1H30M', 5_400_000],
    ['P1D', 86_400_000],
    ['P1W', 604_800_000],
    ['PT0.5S', 500],
    ['pt10m', 600_000],
  ])('parses %s', (value, expected) => {
    expect(parseDuration(value)).toBe(expected);
  });

  it.each(['', 'P', 'PT', '5M', 'P1M', 'P1Y', 'PT-1M', 'PT1M junk'])('rejects %p', (value) => {
    expect(() => parseDuration(value)).toThrow(InvalidDurationError);
  });

  it('names the value and the fix in the error', () => {
    expect(() => parseDuration('5 minutes')).toThrow(/"5 minutes".*PT5M/);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, 'PT0S'],
    [60_000, 'PT1M'],
    [5_400_000, 'PT1H30M'],
    [90_061_000, 'P1DT1H1M1S'],
    [2_500, 'PT2.5S'],
  ])('formats %d ms as %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  it('round-trips through parseDuration', () => {
    expect(parseDuration(formatDuration(3_723_000))).toBe(3_723_000);
  });
});
