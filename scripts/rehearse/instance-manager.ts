/**
 * Starts and stops the real service as separate local processes, one per scale set instance,
 * each on its own loopback port and all sharing one database.
 */
import { createWriteStream, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import execa from 'execa';
import { findFreePort } from '../lib/free-port';

export const REPOSITORY_ROOT = resolve(__dirname, '..', '..');
const SERVICE_ENTRY = join(REPOSITORY_ROOT, 'service', 'src', 'main.ts');

export type InstanceState = 'booting' | 'running' | 'stopping' | 'exited';

export interface ManagedInstance {
  id: string;
  port: number;
  /** Set once the process is spawned, after the boot delay. */
  pid?: number;
  /** Epoch milliseconds of the scale-out that created the instance. */
  createdAt: number;
  state: InstanceState;
  exitCode?: number;
  /** Resolves once the process is spawned, or rejects when it could not be. */
  spawned: Promise<void>;
}

export interface InstanceManagerOptions {
  /** SQLite folder shared by every instance (used when `databaseUrl` is absent). */
  dataDir: string;
  /** PostgreSQL connection string shared by every instance. */
  databaseUrl?: string;
  /** Folder for one log file per instance. */
  logDir: string;
  /** Milliseconds between the scale-out decision and the process start, standing in for VM provisioning. */
  bootDelayMs?: number;
  /** DRAIN_DELAY_MS given to each instance: how long it fails readiness before closing after SIGTERM. */
  drainDelayMs: number;
  /** Milliseconds to wait after SIGTERM before SIGKILL. */
  stopTimeoutMs?: number;
  /** Extra environment for every instance, such as WORKER_THREADS. */
  env?: NodeJS.ProcessEnv;
  /** Called when an instance exits without having been asked to stop. */
  onUnexpectedExit?: (instance: ManagedInstance) => void;
}


interface Process {
  child: execa.ExecaChildProcess;
  exit: Promise<number>;
}

export class InstanceManager {
  private readonly instances = new Map<string, ManagedInstance>();
  private readonly processes = new Map<string, Process>();
  private sequence = 0;

  constructor(private readonly options: InstanceManagerOptions) {}

  /** Creates an instance; its process starts after the boot delay (see `spawned`). */
  start(now = Date.now()): ManagedInstance {
    const id = `instance-${this.sequence}`;
    this.sequence += 1;
    const instance: ManagedInstance = { id, port: 0, createdAt: now, state: 'booting', spawned: Promise.resolve() };
    instance.spawned = this.spawnAfterDelay(instance);
    // The caller may never await `spawned`, so a failure is recorded on the instance instead.
    instance.spawned.catch(() => undefined);
    this.instances.set(id, instance);
    return instance;
  }

  private async spawnAfterDelay(instance: ManagedInstance): Promise<void> {
    if (this.options.bootDelayMs) {
      await new Promise((resolveDelay) => setTimeout(resolveDelay, this.options.bootDelayMs));
    }
    if (instance.state !== 'booting') {
      return;
    }

    instance.port = await findFreePort();
    // Opened synchronously so the file exists before the process starts: an asynchronous open could
    // still be pending when the caller removes the log folder after stopping, and fail with ENOENT.
    const log = createWriteStream('', { fd: openSync(join(this.options.logDir, `${instance.id}.log`), 'a') });
    const child = execa(process.execPath, ['--import', 'tsx', SERVICE_ENTRY], {
      cwd: REPOSITORY_ROOT,
      env: {
        ...this.options.env,
        PORT: String(instance.port),
        HOST: '127.0.0.1',
        INSTANCE_ID: instance.id,
        DATA_DIR: this.options.dataDir,
        DRAIN_DELAY_MS: String(Math.round(this.options.drainDelayMs)),
        ...(this.options.databaseUrl ? { DATABASE_URL: this.options.databaseUrl } : {}),
      },
      extendEnv: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      reject: false,
    });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });

    const exit = child.then((result) => {
      log.end();
      const unexpected = instance.state === 'running';
      instance.state = 'exited';
      instance.exitCode = result.exitCode ?? 128;
      if (unexpected) {
        this.options.onUnexpectedExit?.(instance);
      }
      return instance.exitCode;
    });
    this.processes.set(instance.id, { child, exit });
    instance.pid = child.pid;
    instance.state = 'running';
  }

  /** Instances that count toward the capacity: booting or running. */
  active(): ManagedInstance[] {
    return [...this.instances.values()].filter((instance) => instance.state === 'booting' || instance.state === 'running');
  }

  get(id: string): ManagedInstance | undefined {
    return this.instances.get(id);
  }

  /**
   * Sends SIGTERM, waits for the exit (SIGKILL after `stopTimeoutMs`) and returns the exit code.
   * An instance still booting is cancelled before its process starts.
   */
  async stop(id: string): Promise<number | undefined> {
    const instance = this.instances.get(id);
    if (!instance || instance.state === 'exited') {
      return instance?.exitCode;
    }
    if (instance.state === 'booting') {
      instance.state = 'exited';
      return undefined;
    }

    instance.state = 'stopping';
    const running = this.processes.get(id) as Process;
    running.child.kill('SIGTERM');
    const timer = setTimeout(() => running.child.kill('SIGKILL'), this.options.stopTimeoutMs ?? 30_000);
    const code = await running.exit;
    clearTimeout(timer);
    return code;
  }

  /** Stops every instance, in parallel. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.instances.keys()].map((id) => this.stop(id)));
  }
}
