/**
 * Runs `artillery run` as a child process with the project's pinned Artillery,
 * never downloading a browser and never sending telemetry.
 */
import { dirname, join } from 'node:path';
import { constants } from 'node:os';
import execa from 'execa';
import type { EnvironmentName } from './profiles';

export interface ArtilleryRunOptions {
  /** Path of the test script (YAML). */
  scriptPath: string;
  /** Base URL of the service; replaces the script's `config.target`. */
  target: string;
  /** Artillery environment to merge into `config`. */
  environment: EnvironmentName;
  /** Path of the JSON report that `--output` writes. */
  output?: string;
  /** Hides the periodic metric tables (`--quiet`); failed checks and expectations still print. */
  quiet?: boolean;
  /** `inherit` shows Artillery's output; `pipe` captures it in the result. */
  stdio?: 'inherit' | 'pipe';
  /** Extra environment variables for the Artillery process. */
  env?: NodeJS.ProcessEnv;
}

export interface ArtilleryRunResult {
  exitCode: number;
  /** Standard output and error interleaved; empty with `stdio: 'inherit'`. */
  output: string;
}

/**
 * Environment variables that keep Artillery offline: Artillery depends on
 * Playwright, whose install step would download a browser, and Artillery sends
 * usage telemetry unless ARTILLERY_DISABLE_TELEMETRY is set to any value.
 */
export const OFFLINE_ENVIRONMENT: Readonly<Record<string, string>> = Object.freeze({
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  ARTILLERY_DISABLE_TELEMETRY: 'true',
});

/** Path of the Artillery CLI launcher in node_modules. */
export function artilleryBin(): string {
  return join(dirname(require.resolve('artillery/package.json')), 'bin', 'run');
}

/** True for targets on this machine: localhost, 127.0.0.0/8 and ::1. */
export function isLoopbackTarget(target: string): boolean {
  const hostname = new URL(target).hostname.replace(/^\[|\]$/g, '');
  return hostname === 'localhost' || hostname === '::1' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Returns the environment for a target when none is given: `local` on loopback, `azure` elsewhere. */
export function defaultEnvironmentFor(target: string): EnvironmentName {
  return isLoopbackTarget(target) ? 'local' : 'azure';
}

/** Builds the arguments after `artillery`, in the order `artillery run` documents them. */
export function artilleryArguments(options: ArtilleryRunOptions): string[] {
  const args = ['run', '--environment', options.environment, '--target', options.target];
  if (options.output !== undefined) {
    args.push('--output', options.output);
  }
  if (options.quiet) {
    args.push('--quiet');
  }
  args.push(options.scriptPath);
  return args;
}

function signalNumber(signal: string): number | undefined {
  return (constants.signals as Record<string, number | undefined>)[signal];
}

/** Runs Artillery and returns its exit code: 0 when every ensure check and expectation passed. */
export async function runArtillery(options: ArtilleryRunOptions): Promise<ArtilleryRunResult> {
  const stdio = options.stdio ?? 'inherit';
  const child = execa(process.execPath, [artilleryBin(), ...artilleryArguments(options)], {
    env: { ...options.env, ...OFFLINE_ENVIRONMENT },
    stdio: stdio === 'inherit' ? 'inherit' : 'pipe',
    all: stdio === 'pipe',
    reject: false,
  });
  const result = await child;
  // A child ended by a signal has no exit code; report the conventional 128 + signal number as a shell does.
  const exitCode = result.signal !== undefined ? 128 + (signalNumber(result.signal) ?? 0) : result.exitCode;
  return { exitCode, output: result.all ?? '' };
}
