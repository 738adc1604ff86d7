/**
 * The CPU work that piscina runs in worker threads. This file imports nothing
 * but Node.js built-ins and uses only erasable TypeScript, so Node.js runs it
 * as is from the sources and esbuild can emit it as `worker.js` beside the bundle.
 */
import { hash } from 'node:crypto';
import { setPriority } from 'node:os';
import { isMainThread } from 'node:worker_threads';

export interface DigestTask {
  input: string;
  rounds: number;
}

export interface StressTask {
  durationMs: number;
  /** Percentage of each slice spent computing. The thread sleeps for the rest of the slice. */
  intensity: number;
}

export interface StressResult {
  operations: number;
  elapsedMs: number;
}

// Intensity is applied per 100 ms slice, which averages out within one CPU metric sample.
const STRESS_SLICE_MS = 100;
const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/**
 * Nice value of the worker threads. On Linux the nice value belongs to each thread, so the event
 * loop thread keeps priority 0 and serves `/health` promptly while these threads fill every CPU.
 * The work still uses all idle CPU time: a nice value only matters when threads compete.
 */
const WORKER_NICE = 10;

if (!isMainThread) {
  try {
    setPriority(0, WORKER_NICE);
  } catch {
    // Some platforms and containers forbid it. The work then runs at the same priority as the event loop.
  }
}

/** Hashes the input with SHA-256, applies MD5 `rounds` times to the hex digest, and returns the last hex digest. */
export function digest(task: DigestTask): string {
  // One-shot crypto.hash creates no Hash object per round: about twice as fast as createHash, with less garbage.
  let value = hash('sha256', task.input, 'hex');
  for (let round = 0; round < task.rounds; round += 1) {
    value = hash('md5', value, 'hex');
  }
  return value;
}

/** Burns CPU for `durationMs` at `intensity` percent and counts the MD5 operations done. */
export function stress(task: StressTask): StressResult {
  const started = performance.now();
  const deadline = started + task.durationMs;
  const busyPerSlice = (STRESS_SLICE_MS * task.intensity) / 100;
  let operations = 0;
  let value = 'stress';

  while (performance.now() < deadline) {
    const sliceStart = performance.now();
    const busyUntil = Math.min(sliceStart + busyPerSlice, deadline);
    while (performance.now() < busyUntil) {
      for (let i = 0; i < 100; i += 1) {
        value = hash('md5', value, 'hex');
      }
      operations += 100;
    }
    const idleMs = Math.min(sliceStart + STRESS_SLICE_MS, deadline) - performance.now();
    if (idleMs > 0) {
      Atomics.wait(sleepCell, 0, 0, idleMs);
    }
  }
  return { operations, elapsedMs: Math.round(performance.now() - started) };
}
