/**
 * Runs one Artillery load profile against a target and exits with Artillery's
 * exit code, which is non-zero when an ensure check or an expectation failed.
 *
 *   npx tsx scripts/load.ts --profile spike --target http://<load-balancer-ip>
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { ENVIRONMENT_NAMES, PROFILE_NAMES, profilePath, type EnvironmentName, type ProfileName } from '../artillery/profiles';
import { defaultEnvironmentFor, runArtillery } from '../artillery/run-artillery';

function parseTarget(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`--target '${value}' is not a URL; give the service's base URL, such as http://127.0.0.1:8080`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`--target '${value}' must start with http:// or https://`);
  }
  // Artillery joins the target and each request path, so a trailing slash would double it.
  return value.replace(/\/+$/, '');
}

async function main(): Promise<void> {
  const argv = await yargs(hideBin(process.argv))
    .scriptName('load')
    .usage('$0 --profile <name> --target <url> [--environment azure|local]\n\nRuns artillery/<profile>.yml with `artillery run`.')
    .option('profile', {
      type: 'string',
      choices: PROFILE_NAMES,
      demandOption: true,
      describe:
        'Load profile: smoke (every route once), spike (sudden rise and fall), ramp (gradual rise to the maximum ' +
        'instance count), soak (steady moderate load), stress (concurrent 15 s /api/stress jobs)',
    })
    .option('target', {
      type: 'string',
      demandOption: true,
      describe: 'Base URL of the service, e.g. http://<load-balancer-ip> or http://127.0.0.1:8080',
    })
    .option('environment', {
      type: 'string',
      choices: ENVIRONMENT_NAMES,
      describe: 'Arrival rates and thresholds to use: azure (Standard_B1s instances) or local (a laptop); default: local for a loopback target, azure otherwise',
    })
    .option('output', {
      type: 'string',
      describe: 'Write Artillery\'s JSON report to this file',
    })
    .option('quiet', {
      type: 'boolean',
      default: false,
      describe: 'Hide the metric tables Artillery prints every 10 s',
    })
    .example('$0 --profile spike --target http://20.50.1.2', 'spike an Azure deployment (azure environment)')
    .example('$0 --profile smoke --target http://127.0.0.1:8080', 'check every route of a local service (local environment)')
    .strict()
    .help()
    .parseAsync();

  const target = parseTarget(argv.target);
  const profile = argv.profile as ProfileName;
  const environment = (argv.environment as EnvironmentName | undefined) ?? defaultEnvironmentFor(target);

  console.log(`load: artillery/${profile}.yml, environment ${environment}, target ${target}`);
  const result = await runArtillery({
    scriptPath: profilePath(profile),
    target,
    environment,
    output: argv.output,
    quiet: argv.quiet,
  });
  if (result.exitCode !== 0) {
    console.error(`load: artillery exited with code ${result.exitCode} (a failed check, expectation or error is listed above)`);
  }
  process.exitCode = result.exitCode;
}

main().catch((error: unknown) => {
  console.error(`load: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
});
