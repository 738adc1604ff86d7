/**
 * The one-command local demo: emits the templates, starts the service on
 * 127.0.0.1 with SQLite in a temporary folder, runs the smoke profile and the
 * local environment of the spike profile, prints what happened and stops the
 * service. Exits non-zero when any step or check failed.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import execa from 'execa';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { REPOSITORY_ROOT, isPortInUse, startLocalService, type LocalService } from '../artillery/local-service';
import { profilePath, type ProfileName } from '../artillery/profiles';
import { formatSummary, readReport, summariseReport, type RunSummary } from '../artillery/report';
import { runArtillery } from '../artillery/run-artillery';

const STEP_COUNT = 6;
const TEMPLATES_CLI = join(REPOSITORY_ROOT, 'dsl', 'cli', 'build-templates.ts');

interface Check {
  name: string;
  passed: boolean;
  detail: string;
}

function step(index: number, text: string): void {
  console.log(`\n[${index}/${STEP_COUNT}] ${text}`);
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) {
    throw new Error(`GET ${url} returned ${response.status}`);
  }
  return response.json();
}

/** Emits the templates into a temporary folder, so the demo never rewrites the committed generated/ files. */
async function buildTemplates(outDir: string): Promise<Check> {
  if (!existsSync(TEMPLATES_CLI)) {
    return { name: 'templates', passed: false, detail: `${TEMPLATES_CLI} not found` };
  }
  const result = await execa(process.execPath, ['--import', 'tsx', TEMPLATES_CLI, '--out', outDir], {
    cwd: REPOSITORY_ROOT,
    all: true,
    reject: false,
  });
  if (result.exitCode !== 0) {
    return { name: 'templates', passed: false, detail: `exit code ${result.exitCode}:\n${result.all ?? ''}` };
  }
  return { name: 'templates', passed: true, detail: `emitted into ${outDir}` };
}

async function runProfile(profile: ProfileName, service: LocalService, reportPath: string): Promise<{ check: Check; summary?: RunSummary }> {
  const result = await runArtillery({
    scriptPath: profilePath(profile),
    target: service.url,
    environment: 'local',
    output: reportPath,
    quiet: true,
  });
  const check: Check = {
    name: `${profile} profile`,
    passed: result.exitCode === 0,
    detail: result.exitCode === 0 ? 'every ensure check and expectation passed' : `artillery exited with code ${result.exitCode}`,
  };
  if (!existsSync(reportPath)) {
    return { check: { ...check, passed: false, detail: `${check.detail}; no report at ${reportPath}` } };
  }
  return { check, summary: summariseReport(readReport(reportPath)) };
}

function instanceIdsOf(body: unknown): string[] {
  const instances = (body as { instances?: Array<{ instance_id?: unknown }> }).instances ?? [];
  return instances.map((instance) => String(instance.instance_id)).sort();
}

async function main(): Promise<void> {
  const argv = await yargs(hideBin(process.argv))
    .scriptName('demo')
    .usage('$0 [--port N] [--keep]\n\nStarts the service locally, runs the smoke and spike profiles against it and prints a summary.')
    .option('port', {
      type: 'number',
      default: Number(process.env.PORT ?? 8080),
      describe: 'Port for the service on 127.0.0.1 (default: PORT, else 8080)',
    })
    .option('keep', {
      type: 'boolean',
      default: false,
      describe: 'Keep the temporary folder with the database, service log and Artillery reports',
    })
    .option('skip-templates', {
      type: 'boolean',
      default: false,
      describe: 'Do not emit the templates first',
    })
    .strict()
    .help()
    .parseAsync();

  const started = Date.now();
  const workDir = mkdtempSync(join(tmpdir(), 'vmss-demo-'));
  const logFile = join(workDir, 'service.log');
  const checks: Check[] = [];
  const summaries: Array<[string, RunSummary]> = [];
  let service: LocalService | undefined;

  try {
    step(1, 'Emitting the Bicep and ARM templates');
    let since = Date.now();
    if (argv['skip-templates']) {
      console.log('  skipped (--skip-templates)');
    } else {
      const templates = await buildTemplates(join(workDir, 'generated'));
      checks.push(templates);
      console.log(`  ${templates.passed ? 'done' : 'FAILED'} in ${seconds(since)}: ${templates.detail}`);
    }

    step(2, `Starting the service on 127.0.0.1:${argv.port} with SQLite in ${workDir}`);
    since = Date.now();
    if (await isPortInUse(argv.port)) {
      throw new Error(`port ${argv.port} on 127.0.0.1 is already in use; stop what listens there or run with PORT=<free port>`);
    }
    service = await startLocalService({ port: argv.port, dataDir: workDir, logFile });
    console.log(`  ready in ${seconds(since)} at ${service.url} (log: ${logFile})`);

    step(3, 'Running the smoke profile: every route once, with expectations');
    since = Date.now();
    const smoke = await runProfile('smoke', service, join(workDir, 'smoke.json'));
    checks.push(smoke.check);
    if (smoke.summary) summaries.push(['smoke', smoke.summary]);
    console.log(`  ${smoke.check.passed ? 'passed' : 'FAILED'} in ${seconds(since)}: ${smoke.check.detail}`);

    step(4, 'Running the spike profile (local environment: baseline, spike, quiet; about 80 s)');
    since = Date.now();
    const cpuBefore = service.cpuSeconds();
    const spike = await runProfile('spike', service, join(workDir, 'spike.json'));
    checks.push(spike.check);
    if (spike.summary) summaries.push(['spike', spike.summary]);
    console.log(`  ${spike.check.passed ? 'passed' : 'FAILED'} in ${seconds(since)}: ${spike.check.detail}`);
    const cpuAfter = service.cpuSeconds();

    step(5, 'Reading what the service stored');
    const visits = (await getJson(`${service.url}/api/visits?limit=1`)) as { total_visits?: number };
    const instanceIds = instanceIdsOf(await getJson(`${service.url}/api/instances`));
    const accepted = summaries.reduce((sum, [, summary]) => sum + (summary.codes['201'] ?? 0), 0);
    const unanswered = summaries.reduce((sum, [, summary]) => sum + summary.vusersFailed, 0);
    const stored = Number(visits.total_visits);
    // Every 201 must have its row. A request that timed out on Artillery's side may still
    // have been committed, so up to one extra row per failed virtual user is expected.
    checks.push({
      name: 'visits stored',
      passed: stored >= accepted && stored <= accepted + unanswered,
      detail: `${stored} rows for ${accepted} responses with status 201 and ${unanswered} requests without a response`,
    });
    console.log(`  visits stored: ${stored}; 201 responses: ${accepted}; instance ids in the database: ${instanceIds.join(', ')}`);
    if (cpuBefore !== undefined && cpuAfter !== undefined && spike.summary !== undefined) {
      // The CPU cost per arrival is the figure the arrival rates of the profiles are computed from.
      const arrivals = spike.summary.vusersCreated;
      const cpu = cpuAfter - cpuBefore;
      console.log(`  service CPU time during spike: ${cpu.toFixed(1)} s for ${arrivals} arrivals (${((cpu * 1000) / Math.max(arrivals, 1)).toFixed(1)} ms each)`);
    }

    step(6, 'Stopping the service');
    since = Date.now();
    const exitCode = await service.stop();
    service = undefined;
    checks.push({ name: 'service shutdown', passed: exitCode === 0, detail: `exit code ${exitCode}` });
    console.log(`  stopped in ${seconds(since)} with exit code ${exitCode}`);
  } catch (error) {
    checks.push({ name: 'demo', passed: false, detail: error instanceof Error ? error.message : String(error) });
  } finally {
    if (service !== undefined) {
      await service.stop();
    }
  }

  console.log('\nSummary');
  for (const [name, summary] of summaries) {
    console.log(formatSummary(`${name}:`, summary));
  }
  console.log('\nChecks');
  for (const check of checks) {
    console.log(`  ${check.passed ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
  }
  const failed = checks.filter((check) => !check.passed).length;
  console.log(`\nDemo ${failed === 0 ? 'passed' : `failed (${failed} of ${checks.length} checks)`} in ${seconds(started)}.`);

  // A failed run keeps what it wrote, for a look at the service log and the reports.
  if (argv.keep || (failed > 0 && readdirSync(workDir).length > 0)) {
    console.log(`Reports, database and service log kept in ${workDir}`);
  } else {
    rmSync(workDir, { recursive: true, force: true });
  }
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
