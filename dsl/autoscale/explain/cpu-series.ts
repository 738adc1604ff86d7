/** Per-minute CPU series for `explain`, from a compact spec or a CSV file. */

export class InvalidCpuSeriesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCpuSeriesError';
  }
}

function percent(text: string, where: string): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100) {
    throw new InvalidCpuSeriesError(`Invalid CPU value "${text.trim()}" ${where}: expected a percentage from 0 to 100.`);
  }
  return value;
}

/**
 * Parses `20x5,90x10,10x20` (percent x minutes) into one value per minute. A part without
 * `x` lasts one minute.
 */
export function parseCpuSpec(spec: string): number[] {
  const minutes: number[] = [];
  for (const part of spec.split(',').map((item) => item.trim()).filter(Boolean)) {
    const [value, count = '1', extra] = part.toLowerCase().split('x');
    const repeat = Number(count);
    if (extra !== undefined || !Number.isInteger(repeat) || repeat < 1) {
      throw new InvalidCpuSeriesError(`Invalid CPU series part "${part}": write PERCENTxMINUTES, for example 90x10 for ten minutes at 90 %.`);
    }
    minutes.push(...Array.from({ length: repeat }, () => percent(value as string, `in "${part}"`)));
  }
  if (minutes.length === 0) {
    throw new InvalidCpuSeriesError(`Empty CPU series "${spec}": write PERCENTxMINUTES parts separated by commas, for example 20x5,90x10,10x20.`);
  }
  return minutes;
}

/**
 * Parses a CSV with one row per minute, each row either `cpu` or `minute,cpu`. A first row that
 * is not numeric is a header. Blank lines and `#` comments are skipped.
 */
export function parseCpuCsv(text: string): number[] {
  const rows = text
    .split(/\r?\n/)
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '' && !line.startsWith('#'));
  if (rows.length > 0 && !/\d/.test((rows[0] as { line: string }).line.split(',').pop() ?? '')) {
    rows.shift();
  }

  const minutes = rows.map(({ line, number }) => {
    const cells = line.split(',');
    if (cells.length > 2) {
      throw new InvalidCpuSeriesError(`Invalid CSV row ${number} "${line}": expected "cpu" or "minute,cpu".`);
    }
    return percent(cells[cells.length - 1] as string, `on CSV row ${number}`);
  });
  if (minutes.length === 0) {
    throw new InvalidCpuSeriesError('The CSV has no CPU rows: write one row per minute, either "cpu" or "minute,cpu".');
  }
  return minutes;
}
