/**
 * Errors that the deploy CLI shows to its user: one message that names the
 * failing step, never a stack trace.
 */

/** A failure of one named step of a command, with the cause in plain words. */
export class StepError extends Error {
  readonly step: string;

  constructor(step: string, message: string) {
    super(message);
    this.name = 'StepError';
    this.step = step;
  }
}

/** An invalid or missing command-line value, with a message that names it and the fix. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An `az` invocation that exited with a non-zero status. */
export class AzCommandError extends Error {
  readonly args: readonly string[];
  readonly exitCode: number | undefined;

  constructor(args: readonly string[], exitCode: number | undefined, summary: string) {
    super(summary);
    this.name = 'AzCommandError';
    this.args = args;
    this.exitCode = exitCode;
  }
}

/**
 * Picks the lines of `az` stderr that explain a failure: the `ERROR:` lines
 * when there are some (the CLI prefixes its own errors so), else the last
 * non-empty line, because warnings and progress also go to stderr.
 */
export function summarizeAzStderr(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const errorLines = lines.filter((line) => line.startsWith('ERROR:'));
  if (errorLines.length > 0) {
    return errorLines.map((line) => line.replace(/^ERROR:\s*/, '')).join(' ');
  }
  return lines.at(-1) ?? 'no error output';
}

/** Renders any thrown value as one line, for the `<step> failed: <reason>` message. */
export function describeError(error: unknown): string {
  if (error instanceof AzCommandError) {
    const firstOption = error.args.findIndex((arg) => arg.startsWith('-'));
    const command = error.args.slice(0, firstOption < 0 ? undefined : firstOption).join(' ');
    const outcome = error.exitCode === undefined ? 'failed' : `exited with ${error.exitCode}`;
    return `az ${command} ${outcome}: ${error.message}`;
  }
  // Duck-typed, because errors from another realm (Node's fetch, a vm context) fail `instanceof Error`.
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    const message = (error as { message: string }).message;
    const code = (error as { code?: unknown }).code;
    const status = (error as { statusCode?: unknown }).statusCode;
    const prefix = [typeof status === 'number' ? `HTTP ${status}` : undefined, typeof code === 'string' ? code : undefined]
      .filter(Boolean)
      .join(' ');
    const firstLine = message.split(/\r?\n/)[0] ?? message;
    return prefix ? `${prefix}: ${firstLine}` : firstLine;
  }
  return String(error);
}
