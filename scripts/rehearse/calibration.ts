/**
 * Sizes the arrival rates of a rehearsal for the speed of this machine.
 *
 * The CPU one arrival costs an instance varies several-fold between an idle laptop and a busy
 * CI runner, so fixed rates either never reach the scale-out threshold or saturate everything.
 * The rehearsal first plays a short steady load against one instance and measures its CPU
 * seconds per arrival (c) over the second half of that load, less the CPU the warm instance
 * uses while idle. Percentage CPU of one instance at a rate of r arrivals/s is then
 * r × c × 100 %, measured against one core as Azure measures a 1-vCPU Standard_B1s (a process
 * that keeps the only vCPU busy reads 100 %). Every phase rate of the profile's `local`
 * environment is multiplied by one factor k, chosen so the busiest phase puts one instance at the
 * target percentage: k = target / (100 × peakRate × c). The quiet phases keep their ratio to the
 * peak, so they land at target × quietRate ÷ peakRate, which the rehearsal checks is below the
 * scale-in threshold.
 * NOTE: the calibration is one reading at one moment. When other work saturates the machine, the
 * `demand` measure counts the time spent waiting for a core, which more instances do not
 * shorten, so a rehearsal can keep scaling out up to the maximum before the quiet phase.
 */
import { parse, stringify } from 'yaml';
import { isAbsolute, resolve } from 'node:path';

/** CPU readings of one calibration: an idle interval, then a steady load. */
export interface CalibrationReadings {
  /** CPU seconds the instance used while idle, over `idleSeconds` of wall time. */
  idleCpuSeconds: number;
  idleSeconds: number;
  /** CPU seconds the instance used over `loadSeconds` of steady load. */
  loadCpuSeconds: number;
  loadSeconds: number;
  /** Arrivals (Artillery virtual users created) over those seconds. */
  arrivals: number;
}

/**
 * Returns the CPU seconds one arrival costs, net of the idle CPU (health probes, the database
 * check) that the instance spends whatever the load.
 */
export function cpuSecondsPerArrival(readings: CalibrationReadings): number {
  if (!(readings.arrivals > 0) || !(readings.loadSeconds > 0) || !(readings.idleSeconds > 0)) {
    throw new RangeError(`Invalid calibration ${JSON.stringify(readings)}: expected arrivals, load seconds and idle seconds above 0.`);
  }
  const idlePerSecond = readings.idleCpuSeconds / readings.idleSeconds;
  const net = readings.loadCpuSeconds - idlePerSecond * readings.loadSeconds;
  // A noisy idle reading must not make the cost negative, so the gross figure is the fallback.
  return net > 0 ? net / readings.arrivals : readings.loadCpuSeconds / readings.arrivals;
}

/** One reading of a process's CPU seconds. */
export interface CpuReading {
  /** Epoch milliseconds. */
  time: number;
  cpuSeconds: number;
}

/**
 * Picks the second half of a calibration load, when the instance has warmed up (the first
 * requests load code and fill caches), and returns the CPU seconds it used there, the window's
 * seconds and the arrivals in it. Arrivals are counted as requests in the window times
 * `arrivalsPerRequest`, because a scenario sends several requests.
 */
export function steadyLoad(
  readings: readonly CpuReading[],
  requestStarts: readonly number[],
  arrivalsPerRequest: number,
): Pick<CalibrationReadings, 'loadCpuSeconds' | 'loadSeconds' | 'arrivals'> {
  const first = Math.min(...requestStarts);
  const last = Math.max(...requestStarts);
  const middle = first + (last - first) / 2;
  const from = readings.find((reading) => reading.time >= middle);
  const to = [...readings].reverse().find((reading) => reading.time <= last);
  if (!from || !to || !(to.time > from.time)) {
    throw new Error(`The calibration has no CPU readings between ${new Date(middle).toISOString()} and ${new Date(last).toISOString()}: lengthen the calibration load.`);
  }
  const requests = requestStarts.filter((start) => start >= from.time && start < to.time).length;
  return { loadCpuSeconds: to.cpuSeconds - from.cpuSeconds, loadSeconds: (to.time - from.time) / 1000, arrivals: requests * arrivalsPerRequest };
}

/**
 * Returns the Percentage CPU one instance aims at in the busiest phase: halfway between the
 * scale-out threshold and 100 %, so it clearly exceeds the threshold without saturating.
 */
export function targetPeakPercent(scaleOutThreshold: number): number {
  return scaleOutThreshold + (100 - scaleOutThreshold) / 2;
}

/** Returns the Percentage CPU of one instance that receives `rate` arrivals/s. */
export function percentAtRate(rate: number, cpuSecondsPerArrivalValue: number): number {
  return rate * cpuSecondsPerArrivalValue * 100;
}

/** Returns the factor k that puts one instance at `targetPercent` during the busiest phase. */
export function rateFactor(peakRate: number, cpuSecondsPerArrivalValue: number, targetPercent: number): number {
  if (!(peakRate > 0) || !(cpuSecondsPerArrivalValue > 0)) {
    throw new RangeError(`Invalid peak rate ${peakRate} or CPU per arrival ${cpuSecondsPerArrivalValue}: both must be above 0.`);
  }
  return targetPercent / (100 * peakRate * cpuSecondsPerArrivalValue);
}

/** One phase of an Artillery environment, with the fields calibration reads and scales. */
export interface ArtilleryPhase {
  name?: string;
  duration?: number;
  arrivalRate?: number;
  rampTo?: number;
  [field: string]: unknown;
}

interface ArtilleryScript {
  config?: {
    processor?: string;
    plugins?: Record<string, unknown>;
    environments?: Record<string, { phases?: ArtilleryPhase[]; plugins?: Record<string, unknown>; [field: string]: unknown }>;
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/** Reads the phases of the `local` environment of an Artillery script. */
export function localPhases(scriptText: string): ArtilleryPhase[] {
  const script = parse(scriptText) as ArtilleryScript;
  const phases = script.config?.environments?.local?.phases;
  if (!Array.isArray(phases) || phases.length === 0) {
    throw new Error('The Artillery script has no config.environments.local.phases: add a local environment with at least one phase.');
  }
  return phases;
}

/** Returns the highest arrival rate of the phases (arrivalRate or rampTo). */
export function peakRate(phases: readonly ArtilleryPhase[]): number {
  return Math.max(0, ...phases.flatMap((phase) => [phase.arrivalRate ?? 0, phase.rampTo ?? 0]));
}

/**
 * Multiplies every arrival rate by `factor`. Rates are rounded to whole arrivals per second,
 * at least 1, because Artillery schedules arrivals at whole rates.
 */
export function scalePhases(phases: readonly ArtilleryPhase[], factor: number): ArtilleryPhase[] {
  const scale = (rate: number | undefined): number | undefined => (rate === undefined ? undefined : Math.max(1, Math.round(rate * factor)));
  return phases.map((phase) => {
    const scaled: ArtilleryPhase = { ...phase };
    if (phase.arrivalRate !== undefined) {
      scaled.arrivalRate = scale(phase.arrivalRate);
    }
    if (phase.rampTo !== undefined) {
      scaled.rampTo = scale(phase.rampTo);
    }
    return scaled;
  });
}

/**
 * Rewrites an Artillery script with other `local` phases. The processor path is made absolute
 * because the rewritten script lives in the rehearsal's output folder, not next to the original.
 * Without `keepChecks`, the `ensure` checks are dropped: a calibration load has no pass mark.
 */
export function rewriteScript(scriptText: string, scriptDir: string, phases: ArtilleryPhase[], keepChecks: boolean): string {
  const script = parse(scriptText) as ArtilleryScript;
  const config = script.config ?? {};
  const local = config.environments?.local;
  if (!local) {
    throw new Error('The Artillery script has no config.environments.local: add a local environment.');
  }
  local.phases = phases;
  if (typeof config.processor === 'string' && !isAbsolute(config.processor)) {
    config.processor = resolve(scriptDir, config.processor);
  }
  if (!keepChecks) {
    delete config.plugins?.ensure;
    delete local.plugins?.ensure;
  }
  return stringify(script);
}

/** Measured CPU per arrival and the rates chosen from it, as stored in timeline.json. */
export interface CalibrationResult {
  cpuSecondsPerArrival: number;
  targetPeakPercent: number;
  factor: number;
  phases: ArtilleryPhase[];
}
