/**
 * `npm run autoscale:explain`: replays a CPU series through the autoscale engine and prints, for
 * each evaluation, the CPU over the rule's window, the instance count, the decision and why.
 */
import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import type { AutoscaleSettingProperties } from './model';
import { parseCpuCsv, parseCpuSpec } from './explain/cpu-series';
import { formatSetting, formatSummary, formatTimeline } from './explain/format-timeline';
import { applyOverrides, type SettingOverrides } from './explain/overrides';
import { settingFromFile, topologySetting, validateWithDsl } from './explain/setting-source';
import { type CpuMode, simulateExplain } from './explain/simulate';
import { profileCapacity } from './engine';
import { selectProfile } from './profile-selection';

/** A Monday at midnight UTC, so the default profile applies unless a setting schedules others. */
const DEFAULT_START = '2026-01-05T00:00:00Z';

async function main(argv: string[]): Promise<number> {
  const args = await yargs(argv)
    .scriptName('autoscale:explain')
    .usage('Usage: npm run autoscale:explain -- (--cpu SERIES | --csv FILE) [options]\n\nReplays a CPU series through the autoscale engine, with the topology\'s autoscale setting unless --setting is given, and explains every decision.')
    .option('cpu', { type: 'string', describe: 'CPU series as PERCENTxMINUTES parts, e.g. 20x5,90x10,10x20' })
    .option('csv', { type: 'string', describe: 'CSV file with one row per minute: "cpu" or "minute,cpu"' })
    .option('cpu-mode', {
      choices: ['instance', 'load'] as const,
      default: 'instance' as CpuMode,
      describe: 'instance: every instance reports the series value; load: the series is the CPU at the starting count and spreads over the instances',
    })
    .option('instances', { type: 'number', describe: 'Instance count at minute 0 (default: the profile\'s default capacity)' })
    .option('evaluation-interval', { type: 'number', default: 60, describe: 'Seconds between engine runs (Azure runs every 30 to 60 s)' })
    .option('ingestion-delay', { type: 'number', default: 0, describe: 'Seconds a sample takes to become readable; shifts every metric window back' })
    .option('start', { type: 'string', default: DEFAULT_START, describe: 'UTC date-time of minute 0, for profile schedules' })
    .option('setting', { type: 'string', describe: 'JSON file with an autoscale setting (properties or the whole resource) instead of the topology\'s' })
    .option('scale-out-threshold', { type: 'number', describe: 'Threshold of every scale-out rule (percent CPU)' })
    .option('scale-in-threshold', { type: 'number', describe: 'Threshold of every scale-in rule (percent CPU)' })
    .option('scale-out-by', { type: 'number', describe: 'scaleAction.value of every scale-out rule' })
    .option('scale-in-by', { type: 'number', describe: 'scaleAction.value of every scale-in rule' })
    .option('time-window', { type: 'string', describe: 'timeWindow of every rule, in minutes or ISO 8601 (PT5M)' })
    .option('cooldown', { type: 'string', describe: 'cooldown of every rule, in minutes or ISO 8601 (PT5M)' })
    .option('minimum', { type: 'number', describe: 'capacity.minimum of every profile' })
    .option('maximum', { type: 'number', describe: 'capacity.maximum of every profile' })
    .option('default', { type: 'number', describe: 'capacity.default of every profile' })
    .option('changes-only', { type: 'boolean', default: false, describe: 'Print only the evaluations that changed the instance count' })
    .option('json', { type: 'boolean', default: false, describe: 'Print the timeline as JSON instead of text' })
    .conflicts('cpu', 'csv')
    .check((parsed) => {
      if (parsed.cpu === undefined && parsed.csv === undefined) {
        throw new Error('Missing CPU series: give --cpu 20x5,90x10,10x20 or --csv FILE.');
      }
      return true;
    })
    .example('npm run autoscale:explain -- --cpu 20x5,90x10,10x20', 'scale out during the 90 % spike, back in afterwards')
    .example('npm run autoscale:explain -- --cpu 60x20 --instances 3 --scale-out-threshold 80 --scale-in-threshold 61', 'see a scale-in skipped for flapping')
    .strict()
    .help()
    .parseAsync();

  const cpu = args.cpu !== undefined ? parseCpuSpec(args.cpu) : parseCpuCsv(readFileSync(args.csv as string, 'utf8'));
  const start = Date.parse(args.start);
  if (Number.isNaN(start)) {
    throw new Error(`Invalid --start "${args.start}": use an ISO 8601 date-time such as ${DEFAULT_START}.`);
  }

  const baseSetting: AutoscaleSettingProperties = args.setting ? settingFromFile(args.setting) : topologySetting();
  const overrides: SettingOverrides = {
    scaleOutThreshold: args['scale-out-threshold'],
    scaleInThreshold: args['scale-in-threshold'],
    scaleOutBy: args['scale-out-by'],
    scaleInBy: args['scale-in-by'],
    timeWindow: args['time-window'],
    cooldown: args.cooldown,
    minimum: args.minimum,
    maximum: args.maximum,
    default: args.default,
  };
  const setting = applyOverrides(baseSetting, overrides);
  const problems = validateWithDsl(setting);
  if (problems.length > 0) {
    process.stderr.write(`Invalid autoscale setting after the overrides:\n${problems.map((problem) => `  - ${problem}`).join('\n')}\n`);
    return 2;
  }

  const startInstances = args.instances ?? profileCapacity(selectProfile(setting, start).profile).default;
  const steps = simulateExplain({
    setting,
    cpu,
    startInstances,
    evaluationIntervalSeconds: args['evaluation-interval'],
    start,
    cpuMode: args['cpu-mode'],
    ingestionDelaySeconds: args['ingestion-delay'],
  });

  if (args.json) {
    const timeline = steps.map((step) => ({
      offsetSeconds: step.offsetMs / 1000,
      windowCpu: step.windowCpu ?? null,
      profile: step.decision.profile.name,
      capacityBefore: step.decision.currentCapacity,
      capacityAfter: step.decision.newCapacity,
      reason: step.decision.reason,
      message: step.decision.message,
    }));
    process.stdout.write(`${JSON.stringify({ setting, timeline }, null, 2)}\n`);
    return 0;
  }

  const source = args.setting ? `from ${args.setting}` : 'the topology\'s (dsl/topology/resolved.ts)';
  const lines = [
    `Autoscale setting: ${source}`,
    ...formatSetting(setting),
    `CPU series: ${cpu.length} minutes (${args['cpu-mode']} mode), ${startInstances} instance${startInstances === 1 ? '' : 's'} at minute 0, evaluation every ${args['evaluation-interval']} s` +
      (args['ingestion-delay'] ? `, ingestion delay ${args['ingestion-delay']} s` : ''),
    '',
    ...formatTimeline(steps, args['changes-only']),
    '',
    formatSummary(steps),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`autoscale:explain failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
