/** Starts the real service as local processes, as the rehearsal does. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InstanceManager } from '../instance-manager';

async function readinessStatus(port: number): Promise<number | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return undefined;
  }
}

async function waitUntilReady(port: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await readinessStatus(port)) !== 200) {
    if (Date.now() > deadline) {
      throw new Error(`the instance on port ${port} was not ready within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('InstanceManager', () => {
  let folder: string;
  let manager: InstanceManager;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'rehearse-instances-'));
    manager = new InstanceManager({ dataDir: folder, logDir: folder, drainDelayMs: 0, env: { WORKER_THREADS: '1', LOG_LEVEL: 'warn' } });
  });

  afterEach(async () => {
    await manager.stopAll();
    rmSync(folder, { recursive: true, force: true });
  });

  it('runs two instances sharing one SQLite database', async () => {
    const first = manager.start();
    const second = manager.start();
    await Promise.all([first.spawned, second.spawned]);
    await Promise.all([waitUntilReady(first.port), waitUntilReady(second.port)]);

    const visit = await fetch(`http://127.0.0.1:${first.port}/api/visit`, { method: 'POST' });
    const list = await fetch(`http://127.0.0.1:${second.port}/api/visits`);
    const body = (await list.json()) as { visits?: Array<{ instance_id?: string }> };

    expect(first.port).not.toBe(second.port);
    expect(manager.active().map((instance) => instance.id)).toEqual(['instance-0', 'instance-1']);
    expect(visit.status).toBe(201);
    expect(list.status).toBe(200);
    expect(JSON.stringify(body)).toContain('instance-0');
  });

  it('stops an instance with SIGTERM and a clean exit', async () => {
    const instance = manager.start();
    await instance.spawned;
    await waitUntilReady(instance.port);

    const code = await manager.stop(instance.id);

    expect(code).toBe(0);
    expect(instance.state).toBe('exited');
    expect(manager.active()).toEqual([]);
  });

  it('waits for the boot delay before starting the process', async () => {
    manager = new InstanceManager({ dataDir: folder, logDir: folder, drainDelayMs: 0, bootDelayMs: 400 });
    const instance = manager.start();

    expect(instance.state).toBe('booting');
    expect(instance.pid).toBeUndefined();
    expect(manager.active()).toHaveLength(1);

    await instance.spawned;
    expect(instance.state).toBe('running');
    expect(instance.pid).toBeGreaterThan(0);
  });

  it('survives removal of the log folder after spawn', async () => {
    const instance = manager.start();
    await instance.spawned;
    rmSync(folder, { recursive: true, force: true });

    const code = await manager.stop(instance.id);

    expect(instance.state).toBe('exited');
    expect(typeof code).toBe('number');
  });

  it('cancels an instance that is still booting', async () => {
    manager = new InstanceManager({ dataDir: folder, logDir: folder, drainDelayMs: 0, bootDelayMs: 400 });
    const instance = manager.start();

    await manager.stop(instance.id);
    await instance.spawned;

    expect(instance.state).toBe('exited');
    expect(instance.pid).toBeUndefined();
  });
});
