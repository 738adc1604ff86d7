/**
 * Runs the bootstrap from the rendered cloud-config against loopback stand-ins: the
 * cloud-config's files are written under a temporary root, `systemctl` on PATH is the
 * stand-in in ./stand-ins, and the bootstrap runs with the root prefix pointing there.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

import { BootOptions, bootPaths, CloudConfigFile, renderCloudConfig, SettingName, unitName } from '../../dsl/cloud-init';

export interface BootRun {
  exitCode: number | null;
  output: string;
  /** Wall-clock seconds from starting the bootstrap to its exit. */
  seconds: number;
}

const standInDirectory = join(__dirname, 'stand-ins');


/** Writes the cloud-config's files under `root`, as cloud-init's write_files would under `/`. */
export function writeCloudConfigFiles(root: string, settings: Record<SettingName, string>, options: Partial<BootOptions>): void {
  const document = parse(renderCloudConfig(settings, { ...options, rootPrefix: root })) as { write_files: CloudConfigFile[] };
  for (const file of document.write_files) {
    const target = join(root, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
    chmodSync(target, Number.parseInt(file.permissions, 8));
  }
}

/** Runs the bootstrap written by `writeCloudConfigFiles` and collects its output. */
export function runBootstrap(root: string, timeoutMs = 120_000): Promise<BootRun> {
  const started = performance.now();
  const child = spawn('bash', [join(root, bootPaths.bootstrapScript), join(root, bootPaths.environmentFile)], {
    env: { ...process.env, PATH: `${standInDirectory}:${process.env.PATH ?? ''}`, SYSTEMCTL_STAND_IN_ROOT: root },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);

  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, output, seconds: (performance.now() - started) / 1000 });
    });
  });
}

/** Returns the systemctl calls the stand-in received, one string per call. */
export function systemctlCalls(root: string): string[] {
  const log = join(root, 'systemctl.log');
  return existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
}

/** Returns the service's own output, for failure messages. */
export function serviceLog(root: string): string {
  const log = join(root, 'var', 'log', `${unitName}.log`);
  return existsSync(log) ? readFileSync(log, 'utf8') : '(no service log)';
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops the service the systemctl stand-in started, with SIGTERM and then SIGKILL after 15 s. */
export async function stopService(root: string): Promise<void> {
  const pidFile = join(root, 'run', `${unitName}.pid`);
  if (!existsSync(pidFile)) {
    return;
  }
  const pid = Number(readFileSync(pidFile, 'utf8'));
  if (!isRunning(pid)) {
    return;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 15_000;
  while (isRunning(pid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (isRunning(pid)) {
    process.kill(pid, 'SIGKILL');
  }
}
