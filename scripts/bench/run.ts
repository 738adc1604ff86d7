/**
 * Prints the service's benchmark figures on this machine:
 *   1. CPU-work time of one POST /api/visit (the digest alone, in this process)
 *   2. POST /api/visit throughput at saturation, and its ratio to CPUs / work time (target >= 85 %)
 *   3. GET /health p99 latency while /api/stress occupies every worker thread (target < 20 ms)
 *   4. GET /health throughput
 *   5. resident memory of the service after 60 s of load (target < 150 MB)
 * The service runs as the release bundle (esbuild, as scripts/package builds it) on SQLite in a
 * temporary folder, and autocannon sends every request to 127.0.0.1. Each phase has a fixed duration.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import autocannon from 'autocannon';
import yargs from 'yargs';
import { serviceNodeOptions } from '../../dsl/cloud-init/service-unit';
import { digest } from '../../service/src/cpu-worker';
import { bundleService } from '../package/bundle';
import { findFreePort } from '../lib/free-port';

const REPO = join(__dirname, '..', '..');
const VISIT_ROUNDS = 10_000;
const WARM_UP_SECONDS = 2;

interface Options {
  seconds: number;
  memorySeconds: number;
  connections: number;
  nodeOptions: string[];
}

function parseOptions(): Options {
  const argv = yargs(process.argv.slice(2))
    .scriptName('make bench ARGS=')
    .usage('Prints the five benchmark figures of the service. Every request goes to 127.0.0.1.')
    .option('seconds', { type: 'number', default: 10, describe: 'Duration of each throughput and latency phase, in seconds' })
    .option('memory-seconds', { type: 'number', default: 60, describe: 'Duration of the load before resident memory is read, in seconds' })
    .option('connections', { type: 'number', default: 32, describe: 'Concurrent connections of the load generator' })
    .option('node-option', {
      type: 'string',
      array: true,
      default: [] as string[],
      describe: 'Node.js option for the service process, repeatable, such as --node-option=--max-old-space-size=64',
    })
    .check((parsed) => {
      for (const name of ['seconds', 'memory-seconds', 'connections'] as const) {
        const value = parsed[name];
        if (!Number.isInteger(value) || value < 1 || value > 600) {
          throw new Error(`--${name} must be an integer from 1 to 600, got ${value}`);
        }
      }
      return true;
    })
    .strict()
    .help()
    .parseSync();
  return {
    seconds: argv.seconds,
    memorySeconds: argv['memory-seconds'],
    connections: argv.connections,
    nodeOptions: argv['node-option'].map(String),
  };
}


/** Median time of one visit's CPU work, in milliseconds, over `samples` runs after a warm-up. */
function measureWorkTime(samples: number): number {
  for (let i = 0; i < 5; i += 1) {
    digest({ input: '127.0.0.1', rounds: VISIT_ROUNDS });
  }
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const started = performance.now();
    digest({ input: `127.0.0.${i}`, rounds: VISIT_ROUNDS });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

async function writeBundle(): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'vmss-bench-bundle-'));
  for (const file of await bundleService(REPO)) {
    mkdirSync(dirname(join(folder, file.path)), { recursive: true });
    writeFileSync(join(folder, file.path), file.content);
  }
  return folder;
}

async function waitForReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the service exited with status ${child.exitCode} before it was ready`);
    }
    try {
      if ((await fetch(`${url}/health`)).status === 200) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the service at ${url} was not ready within 60 s`);
}

function residentMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!match) {
    throw new Error(`VmRSS not found in /proc/${pid}/status`);
  }
  return Number(match[1]) / 1024;
}

function load(options: autocannon.Options): Promise<autocannon.Result> {
  return autocannon({ ...options, timeout: 30 });
}

function format(value: number, digits = 1): string {
  return value.toFixed(digits);
}

async function main(): Promise<void> {
  const options = parseOptions();
  const cpus = availableParallelism();
  const machine = `${cpus} CPUs, load average ${loadavg().map((value) => value.toFixed(2)).join(' ')} at start`;
  const flags = `; service runs with NODE_OPTIONS="${serviceNodeOptions}" as its systemd unit sets${
    options.nodeOptions.length > 0 ? `, plus ${options.nodeOptions.join(' ')}` : ''
  }`;
  console.log(`bench: ${machine}; phases of ${options.seconds} s, memory after ${options.memorySeconds} s${flags}`);

  const workMs = measureWorkTime(40);
  console.log(`1. CPU work per POST /api/visit (${VISIT_ROUNDS} MD5 rounds): ${format(workMs, 2)} ms`);

  const bundle = await writeBundle();
  const dataDir = mkdtempSync(join(tmpdir(), 'vmss-bench-data-'));
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...options.nodeOptions, join(bundle, 'main.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      // The bundle leaves better-sqlite3 external; this resolves it from the repository's node_modules.
      NODE_PATH: join(REPO, 'node_modules'),
      // The same heap limits as production, so the memory and throughput figures describe what runs there.
      NODE_OPTIONS: serviceNodeOptions,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PUBLIC_DIR: join(REPO, 'service', 'public'),
      // The level the systemd environment file sets: one JSON line per request costs the event loop about 0.2 ms.
      LOG_LEVEL: 'info',
      DRAIN_DELAY_MS: '0',
      INSTANCE_ID: 'bench',
    },
    // The request log goes to /dev/null (journald reads it in production); start-up failures go to stderr.
    stdio: ['ignore', 'ignore', 'inherit'],
  });

  try {
    await waitForReady(url, child);

    // A short load first, so the figures describe the steady state rather than JIT compilation and thread start-up.
    await load({ url: `${url}/api/visit`, method: 'POST', connections: options.connections, duration: WARM_UP_SECONDS });
    // /api/metrics reports the figures since its previous call, so this call starts the interval.
    await fetch(`${url}/api/metrics`);
    const visits = await load({ url: `${url}/api/visit`, method: 'POST', connections: options.connections, duration: options.seconds });
    const during = (await (await fetch(`${url}/api/metrics`)).json()) as { event_loop_utilization: number; process_cpu_percent: number };
    const limit = cpus / (workMs / 1000);
    const visitRate = visits.requests.average;
    console.log(
      `2. POST /api/visit at saturation: ${format(visitRate)} req/s; limit ${cpus} CPUs / ${format(workMs, 2)} ms = ${format(limit)} req/s; ` +
        `ratio ${format((visitRate / limit) * 100)} % (target >= 85 %); non-2xx ${visits.non2xx}, errors ${visits.errors}; ` +
        `service CPU ${format(during.process_cpu_percent)} % of all CPUs, event loop busy ${format(during.event_loop_utilization * 100)} %`,
    );

    const stressJobs = Array.from({ length: cpus }, () =>
      fetch(`${url}/api/stress?duration=${options.seconds + 4}&intensity=100`).then((response) => response.status),
    );
    // Give the stress jobs a moment to occupy every worker thread before measuring.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const healthUnderStress = await load({ url: `${url}/health`, connections: 10, duration: options.seconds });
    console.log(
      `3. GET /health p99 while ${cpus} stress jobs run: ${format(healthUnderStress.latency.p99)} ms (target < 20 ms); ` +
        `stress statuses ${(await Promise.all(stressJobs)).join(',')}`,
    );

    const health = await load({ url: `${url}/health`, connections: options.connections, duration: options.seconds });
    console.log(`4. GET /health throughput: ${format(health.requests.average)} req/s (p99 ${format(health.latency.p99)} ms)`);

    await load({ url: `${url}/api/visit`, method: 'POST', connections: options.connections, duration: options.memorySeconds });
    const rss = residentMegabytes(child.pid as number);
    console.log(`5. Resident memory after ${options.memorySeconds} s of POST /api/visit load: ${format(rss)} MB (target < 150 MB)`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(bundle, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).message}`);
  process.exit(1);
});
