/**
 * Runs the Azure CLI (`az`) with execa and parses its JSON output. The
 * executable is looked up on PATH, so a stand-in placed first on PATH
 * replaces it in tests.
 */
import execa from 'execa';
import { AzCommandError, summarizeAzStderr } from './errors';

export interface AzRunnerOptions {
  /** Executable to run, by default `az` from PATH. */
  command?: string;
  /** Environment for the child, by default this process's environment. */
  env?: NodeJS.ProcessEnv;
}

/** Calls `az` and returns its parsed JSON output, or undefined when it prints nothing. */
export type AzRunner = (args: readonly string[]) => Promise<unknown>;

/** Creates an {@link AzRunner} that adds `--output json` and `--only-show-errors` to every call. */
export function createAzRunner(options: AzRunnerOptions = {}): AzRunner {
  const command = options.command ?? 'az';

  return async (args) => {
    const fullArgs = [...args, '--output', 'json', '--only-show-errors'];
    let result: execa.ExecaReturnValue<string>;
    try {
      result = await execa(command, fullArgs, {
        env: options.env,
        extendEnv: options.env === undefined,
        reject: false,
        stdin: 'ignore',
      });
    } catch (error) {
      throw new AzCommandError(args, undefined, `could not start ${command}: ${(error as Error).message}`);
    }

    if (result.failed || result.exitCode !== 0) {
      const reason = (result as { code?: string }).code === 'ENOENT'
        ? `${command} not found on PATH: install the Azure CLI, then run az login`
        : summarizeAzStderr(result.stderr);
      throw new AzCommandError(args, result.exitCode, reason);
    }

    const text = result.stdout.trim();
    if (text === '') {
      return undefined;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new AzCommandError(args, result.exitCode, `output is not JSON: ${text.slice(0, 200)}`);
    }
  };
}
