/**
 * Command-line entry of the Azure operations: deploy, release, monitor and
 * destroy. The Makefile runs `npx tsx scripts/deploy/cli.ts <command> $(ARGS)`.
 */
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { DEFAULT_ARM_ENDPOINT } from './arm';
import { createAzRunner } from './az';
import type { CommandContext } from './context';
import { runDeploy } from './deploy';
import { runDestroy } from './destroy';
import { StepError, UsageError, describeError } from './errors';
import { runMonitor } from './monitor/monitor';
import { runRelease } from './release';

/** The main stage creates a PostgreSQL server, which can take many minutes, so allow an hour before giving up. */
const DEPLOYMENT_TIMEOUT_MS = 60 * 60 * 1000;
/** Milliseconds between deployment polls. */
const POLL_INTERVAL_MS = 5000;

async function confirmOnTerminal(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    throw new UsageError(`cannot ask "${question}" without a terminal: pass --yes to confirm`);
  }
  const readline = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await readline.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    readline.close();
  }
}

function createContext(armEndpoint: string): CommandContext {
  let credential: TokenCredential | undefined;
  // Created on first use: DefaultAzureCredential tries environment, managed identity, then the az login.
  const lazyCredential = (): TokenCredential => (credential ??= new DefaultAzureCredential());
  return {
    az: createAzRunner(),
    out: process.stdout,
    armCredential: lazyCredential,
    storageCredential: lazyCredential,
    armEndpoint,
    templatesDir: join(__dirname, '..', '..', 'generated'),
    pollIntervalMs: POLL_INTERVAL_MS,
    deploymentTimeoutMs: DEPLOYMENT_TIMEOUT_MS,
    confirm: confirmOnTerminal,
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

async function main(argv: string[]): Promise<void> {
  await yargs(argv)
    .scriptName('make')
    .usage('Deploy, update, watch and delete the autoscaling app on Azure.\n\nUsage: $0 <deploy|release|monitor|destroy> ARGS=\'...\'')
    .option('resource-group', { alias: 'g', type: 'string', demandOption: true, describe: 'Azure resource group that holds everything' })
    .option('prefix', { type: 'string', default: 'vmss', describe: 'Prefix of resource and deployment names (the templates\' prefix parameter)' })
    .option('arm-endpoint', {
      type: 'string',
      default: process.env.ARM_ENDPOINT ?? DEFAULT_ARM_ENDPOINT,
      defaultDescription: 'ARM_ENDPOINT or https://management.azure.com',
      describe: 'Azure Resource Manager base URL',
    })
    .command(
      'deploy',
      'Create the resource group, deploy the foundation, upload the release, deploy the main stage',
      (command) =>
        command
          .option('location', { alias: 'l', type: 'string', demandOption: true, describe: 'Azure region, such as westeurope' })
          .option('ssh-public-key', { type: 'string', describe: 'OpenSSH public key (file path or key text) for the instances; with --ssh-source' })
          .option('ssh-source', { type: 'string', describe: 'IPv4 address or CIDR range allowed to reach SSH (port 22); with --ssh-public-key' })
          .option('release', { type: 'string', describe: 'Release tarball to deploy; default: build one as make package does' })
          .option('what-if', { type: 'boolean', default: false, describe: 'Preview both stages with az deployment group what-if and change nothing' })
          .option('yes', { alias: 'y', type: 'boolean', default: false, describe: 'Deploy without asking for confirmation' }),
      async (args) => {
        await runDeploy(createContext(args['arm-endpoint']), {
          resourceGroup: args['resource-group'],
          location: args.location,
          prefix: args.prefix,
          sshPublicKey: args['ssh-public-key'],
          sshSource: args['ssh-source'],
          release: args.release,
          whatIf: args['what-if'],
          yes: args.yes,
        });
      },
    )
    .command(
      'release',
      'Package and upload a new release, update the main stage, and reimage the instances one at a time',
      (command) =>
        command
          .option('release', { type: 'string', describe: 'Release tarball to roll out; default: build one as make package does' })
          .option('roll', { type: 'boolean', default: true, describe: 'Reimage existing instances; --no-roll leaves them until autoscale replaces them' }),
      async (args) => {
        await runRelease(createContext(args['arm-endpoint']), {
          resourceGroup: args['resource-group'],
          prefix: args.prefix,
          release: args.release,
          roll: args.roll,
        });
      },
    )
    .command(
      'monitor',
      'Show instances, CPU, autoscale rules and events, and visits per instance',
      (command) =>
        command
          .option('interval', { type: 'number', default: 30, describe: 'Seconds between refreshes' })
          .option('once', { type: 'boolean', default: false, describe: 'Print one snapshot and exit' })
          .option('event-hours', { type: 'number', default: 6, describe: 'How far back to list autoscale events, in hours' })
          .check((args) => {
            if (!(args.interval >= 5)) {
              throw new Error(`--interval ${args.interval} is too short: use 5 seconds or more (Azure Monitor metrics have a one-minute grain)`);
            }
            if (!(args['event-hours'] > 0 && args['event-hours'] <= 24 * 90)) {
              throw new Error(`--event-hours ${args['event-hours']} is out of range: the activity log keeps 90 days`);
            }
            return true;
          }),
      async (args) => {
        await runMonitor(createContext(args['arm-endpoint']), {
          resourceGroup: args['resource-group'],
          prefix: args.prefix,
          interval: args.interval,
          once: args.once,
          eventHours: args['event-hours'],
          clearScreen: !args.once && process.stdout.isTTY === true,
        });
      },
    )
    .command(
      'destroy',
      'Delete the resource group and everything in it, and wait until it is gone',
      (command) => command.option('yes', { alias: 'y', type: 'boolean', default: false, describe: 'Delete without asking for confirmation' }),
      async (args) => {
        await runDestroy(createContext(args['arm-endpoint']), { resourceGroup: args['resource-group'], yes: args.yes });
      },
    )
    .demandCommand(1, 'Give a command: deploy, release, monitor or destroy')
    .strict()
    .help()
    .fail((message, error, parser) => {
      if (error) {
        throw error;
      }
      process.stderr.write(`${parser.help()}\n\n${message}\n`);
      process.exit(1);
    })
    .parseAsync();
}

main(hideBin(process.argv)).catch((error: unknown) => {
  const command = process.argv[2] ?? 'command';
  if (error instanceof StepError) {
    process.stderr.write(`\n${command} failed at step "${error.step}": ${error.message}\n`);
  } else {
    process.stderr.write(`\n${command} failed: ${describeError(error)}\n`);
  }
  process.exit(1);
});
