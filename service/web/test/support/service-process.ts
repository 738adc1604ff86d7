/**
 * Runs the real service (service/src/main.ts through tsx) on 127.0.0.1 with
 * SQLite in a temporary DATA_DIR, for the page's browser tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '../../../../scripts/lib/free-port';

const repositoryRoot = join(__dirname, '..', '..', '..', '..');
// Generous for a loaded 2-core machine: tsx compiles the sources on first start.
const readyTimeoutMs = 60_000;

export interface ServiceProcess {
  url: string;
  instanceId: string;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  instanceId?: string;
  env?: Record<string, string>;
}


async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the service exited with code ${child.exitCode} before it was ready:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/health`);
      if (response.status === 200) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the service did not report ready at ${url}/health within ${readyTimeoutMs} ms:\n${output()}`);
}

/** Starts the service and resolves once GET /health returns 200. */
export async function startService(options: ServiceOptions = {}): Promise<ServiceProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'vmss-web-test-'));
  const port = await findFreePort();
  const instanceId = options.instanceId ?? 'web-test-0';
  const tsx = join(repositoryRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');

  const child = spawn(process.execPath, [tsx, join(repositoryRoot, 'service', 'src', 'main.ts')], {
    cwd: repositoryRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      INSTANCE_ID: instanceId,
      LOG_LEVEL: 'warn',
      DRAIN_DELAY_MS: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(url, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, instanceId, output: () => output, stop };
}
