/**
 * `make rehearse PROFILE=spike TIME_SCALE=30`: rehearses autoscaling on this machine with the
 * topology's autoscale setting, real service instances and an Artillery profile, then prints
 * the decisions and a summary and writes rehearsal/<timestamp>/timeline.json and timeline.svg.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { parseDuration } from '../../dsl/autoscale/duration';
import type { AutoscaleSettingProperties } from '../../dsl/autoscale/model';
import { isProfileName, PROFILE_NAMES, profilePath } from '../../artillery/profiles';
import { REPOSITORY_ROOT } from './instance-manager';
import { runRehearsal } from './rehearsal';
import type { RehearsalTimeline } from './timeline';
import { type HealthProbe, rehearsalSetting, topologyHealthProbe } from './topology';

/** Real seconds after the load within which the capacity is expected back at the minimum. */
export function defaultSettleSeconds(setting: AutoscaleSettingProperties, timeScale: number, evaluationIntervalSeconds: number): number {
  let longest = 0;
  let steps = 1;
  for (const profile of setting.profiles) {
    steps = Math.max(steps, Number(profile.capacity.maximum) - Number(profile.capacity.minimum));
    for (const rule of profile.rules) {
      longest = Math.max(longest, parseDuration(rule.metricTrigger.timeWindow) / 1000, parseDuration(rule.scaleAction.cooldown) / 1000);
    }
  }
  // One window to see the load is gone, then one cooldown and one evaluation per instance removed,
  // with half again as margin for a loaded machine.
  const azureSeconds = longest + steps * (longest + evaluationIntervalSeconds);
  return Math.min(600, Math.ceil((1.5 * azureSeconds) / timeScale + 15));
}

function seconds(ms: number | null, timeScale: number): string {
  if (ms === null) {
    return 'never';
  }
  return `${(ms / 1000).toFixed(1)} s (${((ms * timeScale) / 60_000).toFixed(1)} min in Azure time)`;
}

/** " (Artillery errors: ERR_SOCKET_TIMEOUT 32)", or nothing when Artillery counted no errors. */
function artilleryErrorList(byCode: Record<string, number>): string {
  const entries = Object.entries(byCode).filter(([, count]) => count > 0);
  return entries.length === 0 ? '' : ` (Artillery errors: ${entries.map(([code, count]) => `${code} ${count}`).join(', ')})`;
}

/** Profiles whose load is sized to pass the scale-out threshold. */
export const SCALING_PROFILES: readonly string[] = ['spike', 'ramp', 'stress'];

export interface RehearsalVerdict {
  exitCode: 0 | 1;
  /** The closing line: "rehearsal passed: ..." or "rehearsal failed: ...". */
  line: string;
}

/**
 * Decides the exit code from the timeline. A run fails when a request failed during a scale-in,
 * or when Artillery exited non-zero because an ensure check failed. It also fails when a profile
 * meant to scale out never did, or when the capacity was not back at the minimum by the end.
 */
export function rehearsalVerdict(timeline: RehearsalTimeline, expectScaleOut: boolean): RehearsalVerdict {
  const { summary, capacity } = timeline;
  const last = timeline.decisions[timeline.decisions.length - 1];
  const finalCapacity = last ? last.newCapacity : capacity.default;
  const problems: string[] = [];
  if (summary.failuresDuringScaleIn > 0) {
    problems.push(`${summary.failuresDuringScaleIn} request${summary.failuresDuringScaleIn === 1 ? '' : 's'} failed during a scale-in`);
  }
  if (summary.artilleryExitCode !== 0) {
    problems.push(
      `Artillery exited with code ${summary.artilleryExitCode}, so its ensure checks failed or it stopped early${artilleryErrorList(summary.clientErrorsByCode)}, see artillery.log`,
    );
  }
  if (expectScaleOut && summary.scaleOuts === 0) {
    problems.push(`it never scaled out, though the ${timeline.profile} profile is sized to (--allow-no-scaling accepts that)`);
  }
  if (finalCapacity > capacity.minimum) {
    problems.push(`the capacity ended at ${finalCapacity}, not back at the minimum of ${capacity.minimum} (a longer --settle-timeout waits more)`);
  }
  if (problems.length > 0) {
    return { exitCode: 1, line: `rehearsal failed: ${problems.join('; ')}` };
  }
  const scaling =
    summary.scaleOuts > 0 ? `scaled out to ${summary.peakInstances} and back to ${capacity.minimum}` : `stayed at ${finalCapacity} instance${finalCapacity === 1 ? '' : 's'} (no scale-out expected)`;
  return { exitCode: 0, line: `rehearsal passed: ${scaling}, no request failed during a scale-in, Artillery's checks passed` };
}

/** Formats the decisions that changed something, and the summary. */
export function formatReport(timeline: RehearsalTimeline): string[] {
  const lines = ['', 'Decisions that changed the capacity or skipped a scale-in:'];
  for (const decision of timeline.decisions) {
    const changed = decision.newCapacity !== decision.currentCapacity;
    if (changed || decision.reason === 'Flapping') {
      lines.push(`  ${(decision.offsetMs / 1000).toFixed(1).padStart(6)} s  ${decision.reason.padEnd(16)} ${decision.message}`);
    }
  }

  const { summary } = timeline;
  lines.push(
    '',
    'Summary:',
    `  peak instances           ${summary.peakInstances} (minimum ${timeline.capacity.minimum}, maximum ${timeline.capacity.maximum})`,
    `  scale actions            ${summary.scaleOuts} out, ${summary.scaleIns} in`,
    `  time to first scale-out  ${seconds(summary.timeToFirstScaleOutMs, timeline.timeScale)} after the load started`,
    `  time back to minimum     ${seconds(summary.timeBackToMinimumMs, timeline.timeScale)} after the last scale-out`,
    `  requests                 ${summary.requests}`,
    `  failed requests          ${summary.failures} at the balancer (${summary.failuresDuringScaleIn} during scale-in), ${summary.clientErrors} at the client${artilleryErrorList(summary.clientErrorsByCode)}`,
    `  artillery exit code      ${summary.artilleryExitCode}`,
  );
  return lines;
}

async function main(argv: string[]): Promise<number> {
  const args = await yargs(argv)
    .scriptName('rehearse')
    .usage('Usage: make rehearse PROFILE=spike TIME_SCALE=30 [ARGS="options"]\n\nRuns the real service as local instances behind a local load balancer on 127.0.0.1, scales them with the autoscale engine and the topology\'s autoscale setting while Artillery plays a profile, and charts what happened.\n\nExits 1 when a request failed during a scale-in, when Artillery exited non-zero (an ensure check failed), when a spike, ramp or stress profile never scaled out, or when the capacity was not back at the minimum by the end. The timeline is written either way.')
    .option('profile', { choices: PROFILE_NAMES, default: 'spike' as const, describe: 'Artillery profile in artillery/ whose local environment is played' })
    .option('script', { type: 'string', describe: 'Artillery script to play instead of a profile (needs a local environment)' })
    .option('time-scale', { type: 'number', default: 30, describe: 'Divides every duration: window, cooldown, evaluation interval, probe interval' })
    .option('port', { type: 'number', default: 8080, describe: 'Load balancer port on 127.0.0.1 (0 picks a free port)' })
    .option('database-url', { type: 'string', describe: 'PostgreSQL connection string shared by the instances (default: SQLite in WAL mode)' })
    .option('boot-delay', { type: 'number', default: 0, describe: 'Seconds, in Azure time, before a new instance starts (stands for VM provisioning)' })
    .option('evaluation-interval', { type: 'number', default: 60, describe: 'Seconds between autoscale runs, in Azure time (Azure: 30 to 60)' })
    .option('ingestion-delay', { type: 'number', default: 0, describe: 'Seconds, in Azure time, a CPU sample takes to become readable by the engine' })
    .option('settle-timeout', { type: 'number', describe: 'Real seconds to wait after the load for the minimum capacity (default: from the window and cooldown)' })
    .option('cpu-measure', {
      choices: ['demand', 'usage'] as const,
      default: 'demand' as const,
      describe: 'demand: CPU time plus time waiting for a core, as on a vCPU of its own; usage: CPU time only',
    })
    .option('calibrate', {
      type: 'boolean',
      default: true,
      describe: 'Measure one instance\'s CPU per arrival first and scale the local phase rates so the busiest one passes the scale-out threshold (--no-calibrate plays them as written)',
    })
    .option('setting', { type: 'string', describe: 'JSON file with an autoscale setting to use instead of the topology\'s' })
    .option('probe-path', { type: 'string', describe: 'Health probe path (default: the topology\'s load balancer probe)' })
    .option('probe-interval', { type: 'number', describe: 'Health probe interval in seconds, in Azure time (default: the topology\'s)' })
    .option('probe-count', { type: 'number', describe: 'Consecutive probe results that change rotation (default: the topology\'s)' })
    .option('out', { type: 'string', describe: 'Output folder (default: rehearsal/<timestamp>)' })
    .option('allow-no-scaling', {
      type: 'boolean',
      default: false,
      describe: `Exit 0 even when a profile sized to scale out (${SCALING_PROFILES.join(', ')}) never did`,
    })
    .strict()
    .help()
    .parseAsync();

  const timeScale = args['time-scale'];
  const setting = rehearsalSetting(args.setting);
  const topologyProbe = topologyHealthProbe();
  const probe: HealthProbe = {
    requestPath: args['probe-path'] ?? topologyProbe.requestPath,
    intervalInSeconds: args['probe-interval'] ?? topologyProbe.intervalInSeconds,
    numberOfProbes: args['probe-count'] ?? topologyProbe.numberOfProbes,
  };
  if (!probe.requestPath.startsWith('/') || !(probe.intervalInSeconds > 0) || !(probe.numberOfProbes >= 1)) {
    throw new Error(`Invalid health probe ${JSON.stringify(probe)}: give --probe-path starting with /, --probe-interval above 0 and --probe-count of 1 or more.`);
  }

  const scriptPath = args.script ? resolve(args.script) : isProfileName(args.profile) ? profilePath(args.profile) : '';
  if (!existsSync(scriptPath)) {
    throw new Error(`The Artillery script ${scriptPath} does not exist: choose a profile from ${PROFILE_NAMES.join(', ')} that exists in artillery/, or pass --script FILE.`);
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const outDir = resolve(args.out ?? join(REPOSITORY_ROOT, 'rehearsal', stamp));

  const result = await runRehearsal({
    profile: args.script ? args.script : args.profile,
    scriptPath,
    setting,
    probe,
    timeScale,
    evaluationIntervalSeconds: args['evaluation-interval'],
    port: args.port,
    outDir,
    databaseUrl: args['database-url'],
    bootDelaySeconds: args['boot-delay'],
    ingestionDelaySeconds: args['ingestion-delay'],
    cpuMeasure: args['cpu-measure'],
    // 10 arrivals/s for 10 s: about 100 arrivals, enough to average out a garbage collection.
    calibration: args.calibrate ? { rate: 10, seconds: 10, idleSeconds: 3 } : undefined,
    settleTimeoutSeconds: args['settle-timeout'] ?? defaultSettleSeconds(setting, timeScale, args['evaluation-interval']),
    log: (line) => process.stdout.write(`${line}\n`),
  });

  const expectScaleOut = !args.script && SCALING_PROFILES.includes(args.profile) && !args['allow-no-scaling'];
  const verdict = rehearsalVerdict(result.timeline, expectScaleOut);
  process.stdout.write(`${[...formatReport(result.timeline), '', `Timeline: ${result.timelinePath}`, `Chart:    ${result.chartPath}`, '', verdict.line].join('\n')}\n`);
  return verdict.exitCode;
}

if (require.main === module) {
  main(hideBin(process.argv)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`rehearse failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
