/**
 * The local autoscale rehearsal: real service instances behind the local load balancer, scaled
 * by the autoscale engine on their real CPU while Artillery plays a load profile. Every
 * duration of the autoscale setting is divided by the time scale.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AutoscaleSettingProperties } from '../../dsl/autoscale/model';
import type { AutoscaleState } from '../../dsl/autoscale/cooldown';
import type { MetricSample } from '../../dsl/autoscale/metric-aggregation';
import { parseDuration } from '../../dsl/autoscale/duration';
import { evaluateAutoscale, profileCapacity } from '../../dsl/autoscale/engine';
import { selectProfile } from '../../dsl/autoscale/profile-selection';
import { runArtillery } from '../../artillery/run-artillery';
import { validateAutoscaleSetting } from '../../dsl/azure/insights-validation';
import { type CalibrationResult, type CpuReading, cpuSecondsPerArrival, steadyLoad, localPhases, peakRate, percentAtRate, rateFactor, rewriteScript, scalePhases, targetPeakPercent } from './calibration';
import { renderTimelineSvg } from './chart';
import { type CpuMeasure, CpuSampler, cpuReader } from './cpu-sampler';
import { InstanceManager, type ManagedInstance } from './instance-manager';
import { LocalLoadBalancer, type RequestRecord } from './load-balancer';
import type { HealthProbe } from './topology';
import { type ClientErrorPeriod, type DrainPeriod, type RehearsalTimeline, type TimelineDecision, summarise, trafficSeries } from './timeline';

export const PERCENTAGE_CPU = 'Percentage CPU';
/** Artillery 2 reports its intermediate metrics every 10 seconds. */
const ARTILLERY_PERIOD_MS = 10_000;

export interface RehearsalOptions {
  /** Name shown in the output and the chart. */
  profile: string;
  /** Artillery test script. Its `local` environment is played against the balancer. */
  scriptPath: string;
  setting: AutoscaleSettingProperties;
  probe: HealthProbe;
  /** Every duration of the setting and the probe is divided by this. */
  timeScale: number;
  /** Seconds between engine runs in Azure time (Azure runs every 30 to 60 s). */
  evaluationIntervalSeconds: number;
  /** Balancer port on 127.0.0.1, or 0 to pick a free port. */
  port: number;
  /** Folder for timeline.json, timeline.svg, the database and the instance logs. */
  outDir: string;
  /** PostgreSQL connection string. Without it, the instances share SQLite in WAL mode. */
  databaseUrl?: string;
  /** Seconds, in Azure time, between a scale-out decision and the new process start. */
  bootDelaySeconds: number;
  /** Seconds, in Azure time, that a CPU sample takes to become readable. It shifts every metric window back. */
  ingestionDelaySeconds?: number;
  /** Real seconds to wait after the load for the capacity to return to the minimum. */
  settleTimeoutSeconds: number;
  /** Source of each instance's Percentage CPU in the OS. */
  cpuMeasure: CpuMeasure;
  /** Environment for every instance, on top of the rehearsal's own. */
  instanceEnv?: NodeJS.ProcessEnv;
  /**
   * Measures one instance's CPU per arrival before the rehearsal and scales the rates of the
   * script's `local` phases to it (see calibration.ts). Without it the rates are played as written.
   */
  calibration?: CalibrationOptions;
  log: (line: string) => void;
}

export interface CalibrationOptions {
  /** Arrivals per second of the calibration load. */
  rate: number;
  /** Real seconds of the calibration load. */
  seconds: number;
  /** Real seconds of the idle reading before it. */
  idleSeconds: number;
}


/**
 * Highest arrival rate a calibrated phase may get. Artillery and the balancer share the machine
 * with the instances, and beyond about this rate they use more CPU than the instance they load.
 */
const MAX_CALIBRATED_RATE = 200;
/** Real milliseconds between CPU readings during the calibration load. */
const CALIBRATION_READ_MS = 250;

export interface RehearsalResult {
  timeline: RehearsalTimeline;
  timelinePath: string;
  chartPath: string;
}

/** Real milliseconds to wait for the first instances to pass their probes. */
const STARTUP_TIMEOUT_MS = 120_000;

async function waitUntil(condition: () => boolean, timeoutMs: number, pollMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  return true;
}

function thresholds(setting: AutoscaleSettingProperties, now: number): RehearsalTimeline['thresholds'] {
  const { rules } = selectProfile(setting, now).profile;
  const cpuRules = rules.filter((rule) => rule.metricTrigger.metricName.toLowerCase() === PERCENTAGE_CPU.toLowerCase());
  return {
    scaleOut: cpuRules.find((rule) => rule.scaleAction.direction === 'Increase')?.metricTrigger.threshold ?? null,
    scaleIn: cpuRules.find((rule) => rule.scaleAction.direction === 'Decrease')?.metricTrigger.threshold ?? null,
  };
}

interface ArtilleryPeriod {
  period?: number | string;
  counters?: Record<string, number>;
}

function errorCount(period: ArtilleryPeriod | undefined): number {
  return Object.entries(period?.counters ?? {})
    .filter(([name]) => name.startsWith('errors.'))
    .reduce((sum, [, count]) => sum + count, 0);
}

/**
 * Reads the client-side errors (timeouts, resets) from the `errors.*` counters of Artillery's JSON
 * report. Returns the total and one entry per reporting period that had any errors.
 */
function artilleryErrors(reportPath: string, startTime: number): { total: number; byCode: Record<string, number>; periods: ClientErrorPeriod[] } {
  if (!existsSync(reportPath)) {
    return { total: 0, byCode: {}, periods: [] };
  }
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as { aggregate?: ArtilleryPeriod; intermediate?: ArtilleryPeriod[] };
  const periods = (report.intermediate ?? [])
    .map((period) => ({ offsetMs: Number(period.period) - startTime, durationMs: ARTILLERY_PERIOD_MS, errors: errorCount(period) }))
    .filter((period) => period.errors > 0 && Number.isFinite(period.offsetMs));
  const byCode = Object.fromEntries(
    Object.entries(report.aggregate?.counters ?? {})
      .filter(([name, count]) => name.startsWith('errors.') && count > 0)
      .map(([name, count]) => [name.slice('errors.'.length), count]),
  );
  return { total: errorCount(report.aggregate), byCode, periods };
}

/** Shortest timeGrain of the setting's rules, in real milliseconds. */
function shortestGrainMs(setting: AutoscaleSettingProperties, timeScale: number): number {
  const grains = setting.profiles.flatMap((profile) => profile.rules.map((rule) => parseDuration(rule.metricTrigger.timeGrain)));
  return Math.min(60_000, ...grains) / timeScale;
}

/**
 * Plays a steady calibration load against the one instance in rotation and measures its CPU per
 * arrival. Writes a copy of the script with the `local` rates scaled to it, and returns its path.
 */
async function calibrate(
  options: RehearsalOptions,
  calibration: CalibrationOptions,
  instance: ManagedInstance,
  target: string,
  records: readonly RequestRecord[],
): Promise<{ scriptPath: string; result: CalibrationResult }> {
  const { log } = options;
  const readCpu = cpuReader(options.cpuMeasure);
  const pid = instance.pid as number;
  const scriptText = readFileSync(options.scriptPath, 'utf8');
  const scriptDir = dirname(options.scriptPath);
  const phases = localPhases(scriptText);
  const scaleOut = thresholds(options.setting, Date.now()).scaleOut;
  const scaleIn = thresholds(options.setting, Date.now()).scaleIn;
  if (scaleOut === null) {
    throw new Error('The autoscale setting has no Percentage CPU scale-out rule to calibrate against: pass --no-calibrate.');
  }

  const calibrationScript = join(options.outDir, 'artillery-calibration.yml');
  const reportPath = join(options.outDir, 'artillery-calibration-report.json');
  writeFileSync(calibrationScript, rewriteScript(scriptText, scriptDir, [{ name: 'calibration', duration: calibration.seconds, arrivalRate: calibration.rate }], false));
  log(`calibrating: ${calibration.rate} arrivals/s for ${calibration.seconds} s against ${instance.id}`);
  const readings: CpuReading[] = [];
  const read = (): void => {
    const cpuSeconds = readCpu(pid);
    if (cpuSeconds !== undefined) {
      readings.push({ time: Date.now(), cpuSeconds });
    }
  };
  const timer = setInterval(read, CALIBRATION_READ_MS);
  let run: Awaited<ReturnType<typeof runArtillery>>;
  try {
    run = await runArtillery({ scriptPath: calibrationScript, target, environment: 'local', output: reportPath, quiet: true, stdio: 'pipe' });
  } finally {
    clearInterval(timer);
  }
  writeFileSync(join(options.outDir, 'artillery-calibration.log'), run.output);
  const report = existsSync(reportPath) ? (JSON.parse(readFileSync(reportPath, 'utf8')) as { aggregate?: ArtilleryPeriod }) : {};
  const totalArrivals = report.aggregate?.counters?.['vusers.created'] ?? 0;
  if (totalArrivals === 0 || records.length === 0) {
    throw new Error(`The calibration load created no arrivals (artillery exit code ${run.exitCode}). See ${join(options.outDir, 'artillery-calibration.log')}.`);
  }
  const steady = steadyLoad(readings, records.map((record) => record.start), totalArrivals / records.length);

  // Idle CPU is read after the load, once the instance has loaded its code.
  const idleStart = Date.now();
  const idleCpuBefore = readCpu(pid) ?? 0;
  await new Promise((resolveWait) => setTimeout(resolveWait, calibration.idleSeconds * 1000));
  const idleCpuSeconds = (readCpu(pid) ?? 0) - idleCpuBefore;
  const idleSeconds = (Date.now() - idleStart) / 1000;
  const { loadCpuSeconds, loadSeconds, arrivals } = steady;

  const perArrival = cpuSecondsPerArrival({ idleCpuSeconds, idleSeconds, loadCpuSeconds, loadSeconds, arrivals });
  const targetPercent = targetPeakPercent(scaleOut);
  const peak = peakRate(phases);
  const factor = Math.min(rateFactor(peak, perArrival, targetPercent), MAX_CALIBRATED_RATE / peak);
  const scaled = scalePhases(phases, factor);
  log(
    `calibration: ${arrivals.toFixed(0)} arrivals used ${loadCpuSeconds.toFixed(2)} CPU s over ${loadSeconds.toFixed(1)} s (idle ${((idleCpuSeconds / idleSeconds) * 100).toFixed(1)} %), ` +
      `so one arrival costs ${(perArrival * 1000).toFixed(1)} ms of CPU`,
  );
  log(`calibration: rates × ${factor.toFixed(2)} so the busiest phase puts one instance at about ${targetPercent.toFixed(0)} % (scale-out above ${scaleOut} %)`);
  for (const phase of scaled) {
    const rate = phase.rampTo ?? phase.arrivalRate ?? 0;
    log(`  ${String(phase.name ?? 'phase').padEnd(10)} ${String(rate).padStart(4)} arrivals/s  ≈ ${percentAtRate(rate, perArrival).toFixed(0).padStart(3)} % of one instance`);
  }
  const quietest = percentAtRate(Math.min(...scaled.map((phase) => phase.arrivalRate ?? phase.rampTo ?? 0)), perArrival);
  if (scaleIn !== null && quietest >= scaleIn) {
    log(`calibration: the quietest phase is ≈ ${quietest.toFixed(0)} %, not below the scale-in threshold of ${scaleIn} %; the rehearsal may not return to the minimum`);
  }
  if (percentAtRate(peakRate(scaled), perArrival) <= scaleOut) {
    log(`calibration: the busiest phase is capped at ${MAX_CALIBRATED_RATE} arrivals/s and may not pass the scale-out threshold of ${scaleOut} %`);
  }

  const scriptPath = join(options.outDir, 'artillery-local.yml');
  writeFileSync(scriptPath, rewriteScript(scriptText, scriptDir, scaled, true));
  return { scriptPath, result: { cpuSecondsPerArrival: perArrival, targetPeakPercent: targetPercent, factor, phases: scaled } };
}

/** Runs a whole rehearsal and writes its timeline and chart. */
export async function runRehearsal(options: RehearsalOptions): Promise<RehearsalResult> {
  const { setting, timeScale, log } = options;
  if (!(timeScale >= 1)) {
    throw new RangeError(`Invalid time scale ${timeScale}: expected a number of 1 or more (30 runs 5 Azure minutes in 10 s).`);
  }
  const problems = validateAutoscaleSetting(setting);
  if (problems.length > 0) {
    throw new Error(`Invalid autoscale setting:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
  // A setting the engine cannot evaluate (an unknown time zone, ServiceAllowedNextValue) fails
  // here, before any process starts.
  evaluateAutoscale({ setting, samples: {}, currentCapacity: 1, now: Date.now(), state: {}, options: { timeScale } });

  const dataDir = join(options.outDir, 'data');
  const logDir = join(options.outDir, 'logs');
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(logDir, { recursive: true });

  const records: RequestRecord[] = [];
  const probeIntervalMs = (options.probe.intervalInSeconds * 1000) / timeScale;
  const balancer = new LocalLoadBalancer({
    port: options.port,
    probe: {
      requestPath: options.probe.requestPath,
      intervalMs: probeIntervalMs,
      threshold: options.probe.numberOfProbes,
      timeoutMs: Math.max(1000, probeIntervalMs),
    },
    onRequest: (record) => records.push(record),
  });
  try {
    await balancer.listen();
  } catch (error) {
    throw new Error(`Cannot listen on 127.0.0.1:${options.port}: ${(error as Error).message}. Stop what uses the port or pass --port 0.`);
  }

  const manager = new InstanceManager({
    dataDir,
    databaseUrl: options.databaseUrl,
    logDir,
    bootDelayMs: (options.bootDelaySeconds * 1000) / timeScale,
    // After SIGTERM the instance fails readiness for as long as the Azure probe needs to notice.
    // The local balancer has already stopped routing to it by then.
    drainDelayMs: probeIntervalMs * options.probe.numberOfProbes,
    // One worker thread per instance: a Standard_B1s VM has one vCPU.
    env: { WORKER_THREADS: '1', LOG_LEVEL: 'warn', ...options.instanceEnv },
    onUnexpectedExit: (instance) => {
      log(`instance ${instance.id} exited unexpectedly with code ${instance.exitCode}. See ${join(logDir, `${instance.id}.log`)}`);
      void balancer.removeInstance(instance.id);
    },
  });

  const admit = (instance: ManagedInstance): void => {
    instance.spawned.then(
      () => {
        if (instance.state === 'running') {
          balancer.addInstance(instance.id, instance.port);
        }
      },
      (error: unknown) => log(`instance ${instance.id} failed to start: ${(error as Error).message}`),
    );
  };

  const timers: NodeJS.Timeout[] = [];
  const pendingDrains: Array<Promise<void>> = [];
  try {
    const initial = profileCapacity(selectProfile(setting, Date.now()).profile).default;
    log(`starting ${initial} instance${initial === 1 ? '' : 's'} behind ${balancer.url}`);
    for (let count = 0; count < initial; count += 1) {
      admit(manager.start());
    }
    if (!(await waitUntil(() => balancer.inRotation().length >= initial, STARTUP_TIMEOUT_MS))) {
      throw new Error(`The first ${initial} instances did not pass the ${options.probe.requestPath} probe within ${STARTUP_TIMEOUT_MS / 1000} s. See the logs in ${logDir}.`);
    }

    let scriptPath = options.scriptPath;
    let calibration: CalibrationResult | undefined;
    if (options.calibration) {
      const calibrated = await calibrate(options, options.calibration, manager.active()[0] as ManagedInstance, balancer.url, records);
      scriptPath = calibrated.scriptPath;
      calibration = calibrated.result;
      // The calibration requests are not part of the rehearsal's traffic.
      records.length = 0;
    }

    const startTime = Date.now();
    const offset = (): number => Date.now() - startTime;
    const samples: MetricSample[] = [];
    const decisions: TimelineDecision[] = [];
    const drains: DrainPeriod[] = [];
    const sampler = new CpuSampler(1, cpuReader(options.cpuMeasure));
    let state: AutoscaleState = {};

    const sampleCpu = (): void => {
      const inRotation = new Set(balancer.inRotation());
      // NOTE: only instances in rotation report CPU, so a new process's start-up work (compiling
      // the TypeScript sources) does not count as load. An Azure VM reports CPU from boot.
      const running = manager.active().filter((instance) => instance.pid !== undefined && inRotation.has(instance.id));
      samples.push(...sampler.sample(running.map((instance) => ({ id: instance.id, pid: instance.pid as number })), Date.now()));
    };

    const scaleIn = (instance: ManagedInstance): void => {
      const startOffsetMs = offset();
      pendingDrains.push(
        (async () => {
          await balancer.removeInstance(instance.id);
          const exitCode = await manager.stop(instance.id);
          drains.push({ instanceId: instance.id, startOffsetMs, endOffsetMs: offset(), exitCode: exitCode ?? null });
        })(),
      );
    };

    const evaluate = (): void => {
      const now = Date.now();
      const active = manager.active();
      const decision = evaluateAutoscale({
        setting,
        samples: { [PERCENTAGE_CPU]: samples },
        currentCapacity: active.length,
        now,
        state,
        options: { timeScale, ingestionDelayMs: ((options.ingestionDelaySeconds ?? 0) * 1000) / timeScale },
      });
      const windowCpu = decision.rules.find((evaluation) => evaluation.rule.scaleAction.direction === 'Increase')?.metric.value;
      decisions.push({
        offsetMs: now - startTime,
        time: now,
        currentCapacity: decision.currentCapacity,
        stateBefore: state,
        sampleCount: samples.length,
        newCapacity: decision.newCapacity,
        reason: decision.reason,
        message: decision.message,
        windowCpu: windowCpu ?? null,
        inRotation: balancer.inRotation().length,
      });
      state = decision.state;

      if (decision.newCapacity !== decision.currentCapacity) {
        log(`${(offset() / 1000).toFixed(1).padStart(6)} s  ${decision.reason.padEnd(16)} ${decision.message}`);
      }
      for (let count = decision.currentCapacity; count < decision.newCapacity; count += 1) {
        admit(manager.start(now));
      }
      // Scale-in removes the oldest instances first, as the Default scale-in policy of a Flexible
      // scale set does: https://docs.azure.cn/en-us/virtual-machine-scale-sets/virtual-machine-scale-sets-scale-in-policy
      // NOTE: other versions of that page state that the highest instance ID goes first. The order
      // changes which process stops, not how many.
      const oldestFirst = [...active].sort((left, right) => left.createdAt - right.createdAt || left.id.localeCompare(right.id));
      oldestFirst.slice(0, Math.max(0, decision.currentCapacity - decision.newCapacity)).forEach(scaleIn);
    };

    // A failing run is logged once per message and skipped, so one bad reading does not end the
    // rehearsal with its processes still running.
    const reported = new Set<string>();
    const guarded = (step: () => void, name: string) => (): void => {
      try {
        step();
      } catch (error) {
        const message = `${name} failed: ${(error as Error).message}`;
        if (!reported.has(message)) {
          reported.add(message);
          log(message);
        }
      }
    };
    const sampleMs = Math.min(1000, shortestGrainMs(setting, timeScale) / 2);
    timers.push(setInterval(guarded(sampleCpu, 'CPU sampling'), sampleMs));
    timers.push(setInterval(guarded(evaluate, 'autoscale evaluation'), (options.evaluationIntervalSeconds * 1000) / timeScale));

    log(`playing ${scriptPath} (local environment) against ${balancer.url}`);
    const launchOffsetMs = offset();
    const artillery = await runArtillery({
      scriptPath,
      target: balancer.url,
      environment: 'local',
      output: join(options.outDir, 'artillery-report.json'),
      quiet: true,
      stdio: 'pipe',
    });
    // The load runs from the first request to the end of the last one. Artillery's own start-up
    // and shutdown take seconds on a busy machine and carry no traffic.
    const artilleryEndOffsetMs = offset();
    const loadStartOffsetMs = records.length > 0 ? Math.min(...records.map((record) => record.start)) - startTime : launchOffsetMs;
    const loadEndOffsetMs = records.length > 0 ? Math.max(...records.map((record) => record.start + record.durationMs)) - startTime : artilleryEndOffsetMs;
    writeFileSync(join(options.outDir, 'artillery.log'), artillery.output);
    log(`load ran from ${(loadStartOffsetMs / 1000).toFixed(1)} s to ${(loadEndOffsetMs / 1000).toFixed(1)} s (artillery exit code ${artillery.exitCode}); waiting for the minimum capacity`);

    const minimum = (): number => profileCapacity(selectProfile(setting, Date.now()).profile).minimum;
    const settled = await waitUntil(
      () => manager.active().length <= minimum() && decisions.some((decision) => decision.offsetMs > artilleryEndOffsetMs),
      options.settleTimeoutSeconds * 1000,
      200,
    );
    if (!settled) {
      log(`the capacity was still above the minimum ${options.settleTimeoutSeconds} s after the load ended`);
    }

    timers.splice(0).forEach(clearInterval);
    await Promise.all(pendingDrains);
    const endOffsetMs = offset();

    const capacity = profileCapacity(selectProfile(setting, Date.now()).profile);
    const clientErrors = artilleryErrors(join(options.outDir, 'artillery-report.json'), startTime);
    const load = {
      startOffsetMs: loadStartOffsetMs,
      endOffsetMs: loadEndOffsetMs,
      artilleryExitCode: artillery.exitCode,
      clientErrors: clientErrors.total,
      clientErrorsByCode: clientErrors.byCode,
    };
    const bucketMs = Math.max(500, (options.evaluationIntervalSeconds * 1000) / timeScale);
    const timeline: RehearsalTimeline = {
      profile: options.profile,
      timeScale,
      cpuMeasure: options.cpuMeasure,
      startedAt: new Date(startTime).toISOString(),
      startTime,
      loadStartOffsetMs,
      loadEndOffsetMs,
      capacity,
      thresholds: thresholds(setting, startTime),
      setting,
      decisions,
      traffic: trafficSeries(records, startTime, endOffsetMs, bucketMs),
      drains,
      clientErrors: clientErrors.periods,
      samples,
      ...(calibration ? { calibration } : {}),
      summary: summarise(decisions, records, startTime, drains, load, capacity.minimum),
    };

    const timelinePath = join(options.outDir, 'timeline.json');
    const chartPath = join(options.outDir, 'timeline.svg');
    writeFileSync(timelinePath, `${JSON.stringify(timeline, null, 2)}\n`);
    writeFileSync(chartPath, renderTimelineSvg(timeline));
    return { timeline, timelinePath, chartPath };
  } finally {
    timers.forEach(clearInterval);
    await Promise.allSettled(pendingDrains);
    await manager.stopAll();
    await balancer.close();
  }
}
