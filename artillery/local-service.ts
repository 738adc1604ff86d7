/**
 * Starts the service from its TypeScript sources on 127.0.0.1 with SQLite in
 * a given folder, for local load runs (the demo and the smoke test), and stops it.
 */
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { createConnection } from 'node:net';
import { join, resolve } from 'node:path';
import execa from 'execa';

export const REPOSITORY_ROOT = resolve(__dirname, '..');
const SERVICE_ENTRY = join(REPOSITORY_ROOT, 'service', 'src', 'main.ts');

export interface LocalServiceOptions {
  port: number;
  /** Folder for the SQLite database file. */
  dataDir: string;
  /** File that receives the service's log lines; without it they are discarded. */
  logFile?: string;
  /** Milliseconds to wait for GET /health to return 200. */
  readyTimeoutMs?: number;
  /** Extra environment variables for the service. */
  env?: NodeJS.ProcessEnv;
}

export interface LocalService {
  url: string;
  pid: number;
  /**
   * CPU time the service process has used so far (user + system, every thread),
   * in seconds, from /proc; undefined where /proc is not available.
   */
  cpuSeconds(): number | undefined;
  /** Sends SIGTERM, waits for the exit (SIGKILL after `timeoutMs`) and returns the exit code. */
  stop(timeoutMs?: number): Promise<number>;
}


/** True when something accepts TCP connections on 127.0.0.1:port. */
export async function isPortInUse(port: number): Promise<boolean> {
  return new Promise((resolveInUse) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolveInUse(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolveInUse(false);
    });
    socket.once('error', () => resolveInUse(false));
  });
}

// Linux reports utime and stime in clock ticks; USER_HZ is 100 on every mainstream architecture.
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) of a process, from fields 14 and 15 of /proc/<pid>/stat. */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces, so fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const userTicks = Number(fields[11]);
    const systemTicks = Number(fields[12]);
    return (userTicks + systemTicks) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

async function delay(ms: number): Promise<void> {
  return new Promise((resolveDelay) => setTimeout(resolveDelay, ms));
}

async function healthStatus(url: string): Promise<number | undefined> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return undefined;
  }
}

/**
 * Starts `service/src/main.ts` with tsx and resolves once GET /health returns
 * 200. Rejects, after stopping the process, when the service exits early or is
 * not ready within `readyTimeoutMs`.
 */
export async function startLocalService(options: LocalServiceOptions): Promise<LocalService> {
  const url = `http://127.0.0.1:${options.port}`;
  let log: WriteStream | undefined;
  if (options.logFile !== undefined) {
    log = createWriteStream(options.logFile);
  }

  const child = execa(process.execPath, ['--import', 'tsx', SERVICE_ENTRY], {
    cwd: REPOSITORY_ROOT,
    env: {
      ...options.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      // No load balancer probes a local service, so there is nothing to wait for on shutdown.
      DRAIN_DELAY_MS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    reject: false,
  });
  if (log !== undefined) {
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
  } else {
    child.stdout?.resume();
    child.stderr?.resume();
  }

  let exited = false;
  const exit = child.then((result) => {
    exited = true;
    log?.end();
    return result.exitCode ?? 128;
  });

  const stop = async (timeoutMs = 20_000): Promise<number> => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exit;
      clearTimeout(timer);
      return code;
    }
    return exit;
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (exited) {
      const code = await exit;
      throw new Error(`the service exited with code ${code} before it was ready${options.logFile ? `; see ${options.logFile}` : ''}`);
    }
    if ((await healthStatus(url)) === 200) {
      const pid = child.pid ?? 0;
      return { url, pid, stop, cpuSeconds: () => processCpuSeconds(pid) };
    }
    await delay(250);
  }
  await stop();
  throw new Error(`GET ${url}/health did not return 200 within ${options.readyTimeoutMs ?? 60_000} ms${options.logFile ? `; see ${options.logFile}` : ''}`);
}
