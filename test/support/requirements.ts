/**
 * Locates the external tools that some tests need (the Bicep CLI, a PostgreSQL
 * server, Chromium, cloud-init, shellcheck). A missing tool skips those tests
 * with a loud message on a developer machine, and fails the run under CI=true,
 * where .ci/run installs every one of them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const warned = new Set<string>();

/** True when the run is CI's, where nothing may be skipped. */
export function isCi(): boolean {
  return process.env.CI === 'true' || process.env.CI === '1';
}

function onPath(command: string): string | undefined {
  try {
    return execFileSync('bash', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Returns `describe` when `found` is set, otherwise `describe.skip` after a
 * loud warning. Under CI, a missing requirement throws and fails the run.
 */
export function describeWhen(found: string | undefined, requirement: string, howToGet: string): jest.Describe {
  if (found) {
    return describe;
  }
  const message = `${requirement} not found: ${howToGet}`;
  if (isCi()) {
    throw new Error(`${message} (CI=true, so this is a failure, not a skip)`);
  }
  if (!warned.has(message)) {
    warned.add(message);
    console.warn(`\n*** SKIPPING TESTS: ${message} ***\n`);
  }
  return describe.skip;
}

/** Path of the Bicep CLI: BICEP_PATH, then `bicep` on PATH, then ~/.azure/bin/bicep. */
export function findBicep(): string | undefined {
  const fromEnv = process.env.BICEP_PATH;
  if (fromEnv && existsSync(fromEnv)) {
    return fromEnv;
  }
  const fromPath = onPath('bicep');
  if (fromPath) {
    return fromPath;
  }
  const azureCli = join(homedir(), '.azure', 'bin', 'bicep');
  return existsSync(azureCli) ? azureCli : undefined;
}

/** Connection string of the test PostgreSQL server, from TEST_DATABASE_URL. */
export function findTestDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

/** Path of Chromium: CHROMIUM_PATH, then /usr/bin/chromium. */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'];
  return candidates.find((candidate): candidate is string => Boolean(candidate && existsSync(candidate)));
}

/** Path of a command on PATH, such as `shellcheck` or `cloud-init`. */
export function findCommand(command: string): string | undefined {
  return onPath(command);
}

export const describeWithBicep = (): jest.Describe =>
  describeWhen(findBicep(), 'Bicep CLI', 'run scripts/ensure-bicep.sh and set BICEP_PATH, or use make test');
export const describeWithPostgres = (): jest.Describe =>
  describeWhen(findTestDatabaseUrl(), 'TEST_DATABASE_URL', 'export TEST_DATABASE_URL=$(scripts/test-postgres.sh start)');
export const describeWithChromium = (): jest.Describe =>
  describeWhen(findChromium(), 'Chromium', 'apt-get install chromium, or set CHROMIUM_PATH');
