/**
 * Runs the service as a real child process (`node --import tsx service/src/main.ts`)
 * and follows its JSON log lines, for tests of start-up, signals and exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..', '..');

export type LogLine = Record<string, unknown> & { msg?: string };

export interface ChildService {
  child: ChildProcess;
  lines: LogLine[];
  stderr: () => string;
  /** Resolves with the first log line matching; rejects after `timeoutMs` or when the process exits first. */
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** The URL from the `listening` line. */
  url(): Promise<string>;
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): void;
}

export function spawnService(env: Record<string, string>): ChildService {
  const child = spawn(process.execPath, ['--import', 'tsx', 'service/src/main.ts'], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', WORKER_THREADS: '1', DRAIN_DELAY_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  const listeners = new Set<() => void>();
  let buffered = '';
  let stderr = '';

  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const part of parts) {
      if (part.trim() === '') {
        continue;
      }
      try {
        lines.push(JSON.parse(part) as LogLine);
      } catch {
        lines.push({ msg: part });
      }
    }
    listeners.forEach((listener) => listener());
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      listeners.forEach((listener) => listener());
      resolve(code);
    });
  });

  const waitForLog = (predicate: (line: LogLine) => boolean, timeoutMs = 90_000): Promise<LogLine> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = lines.find(predicate);
        if (found) {
          cleanup();
          resolve(found);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          cleanup();
          reject(new Error(`service exited (${child.exitCode ?? child.signalCode}) before the expected log line; stderr: ${stderr.slice(-2000)}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`expected log line not seen within ${timeoutMs} ms; last lines: ${JSON.stringify(lines.slice(-5))} stderr: ${stderr.slice(-1000)}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });

  return {
    child,
    lines,
    stderr: () => stderr,
    waitForLog,
    url: async () => String((await waitForLog((line) => line.msg === 'listening')).url),
    exited,
    kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
      }
    },
  };
}
