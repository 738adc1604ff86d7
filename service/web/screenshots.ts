/**
 * Takes the README screenshots of the page, in English and Spanish. Three real
 * service instances share one SQLite file behind a round-robin proxy on
 * 127.0.0.1, so the page shows visits spreading as they would behind the load
 * balancer. Before each screenshot Chromium sends the 50-visit burst, a few
 * named visits are registered, and a short stress run starts.
 *
 *   npx tsx service/web/screenshots.ts [--out-dir docs]
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { launchChromium } from './test/support/browser';
import { startService, type ServiceProcess } from './test/support/service-process';

// Shaped like Flexible orchestration instance names: <scale set>_<8 hex digits>.
const instanceIds = ['vmss-app_3f9a1c07', 'vmss-app_b2e64d10', 'vmss-app_7c05e8a9'];

const sampleVisits = [
  { name: 'Ana García', company: 'Contoso', purpose: 'Demo del autoescalado' },
  { name: 'Luis Pérez', company: 'Fabrikam', purpose: 'Capacity planning' },
  { name: 'Grace Chen', company: 'Northwind', purpose: 'Load test review' },
  { name: 'Marta Ruiz', company: 'Tailspin', purpose: 'Visita técnica' },
];

async function registerVisits(url: string, visits: typeof sampleVisits): Promise<void> {
  for (const visit of visits) {
    const response = await fetch(`${url}/api/visit`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(visit),
    });
    if (response.status !== 201) {
      throw new Error(`POST /api/visit returned ${response.status}: ${await response.text()}`);
    }
  }
}

/** Forwards each request to the next backend in turn, as the load balancer does. */
async function startRoundRobinProxy(backends: string[]): Promise<{ url: string; server: Server }> {
  let next = 0;
  const server = createServer((incoming, outgoing) => {
    const backend = new URL(backends[next % backends.length]);
    next += 1;
    const forwarded = httpRequest(
      { host: backend.hostname, port: backend.port, path: incoming.url, method: incoming.method, headers: incoming.headers },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    forwarded.on('error', () => {
      outgoing.writeHead(502).end();
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function main(): Promise<void> {
  const argv = await yargs(hideBin(process.argv))
    .scriptName('screenshots')
    .usage('$0 [--out-dir DIR]\n\nWrites page-en.png and page-es.png of the web page, served by three local instances.')
    .option('out-dir', { type: 'string', default: join(__dirname, '..', '..', 'docs'), describe: 'Folder for the PNG files' })
    .strict()
    .help()
    .parse();

  const dataDir = await mkdtemp(join(tmpdir(), 'vmss-web-screenshots-'));
  const services: ServiceProcess[] = [];
  let proxy: Server | undefined;
  const browser = await launchChromium();
  try {
    // One at a time: the first creates the schema, the others find it done. Two worker threads each,
    // so that a stress job leaves one free for the visit requests.
    for (const instanceId of instanceIds) {
      services.push(await startService({ instanceId, env: { DATA_DIR: dataDir, WORKER_THREADS: '2' } }));
    }
    const started = await startRoundRobinProxy(services.map((service) => service.url));
    proxy = started.server;

    await mkdir(argv.outDir, { recursive: true });
    for (const locale of ['en-US', 'es-ES']) {
      const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await page.goto(started.url);
      await page.locator('#total-visits').filter({ hasText: /\d/ }).waitFor();

      await page.locator('#burst-submit').click();
      await page.locator('#burst-instances li').nth(2).waitFor({ timeout: 30_000 });
      // Named visits after the burst, so that the recent visits table shows them.
      const named = locale === 'en-US' ? sampleVisits.slice(0, 2) : sampleVisits.slice(2);
      await registerVisits(started.url, named);
      await page.locator('#recent-visits').filter({ hasText: named[1].name }).waitFor({ timeout: 30_000 });

      await page.locator('#stress-duration').fill('12');
      await page.locator('#stress-intensity').fill('80');
      await page.locator('#stress-submit').click();
      // Long enough for two metric refreshes while the stress job runs.
      await page.waitForTimeout(5000);

      const language = locale.slice(0, 2);
      const path = join(argv.outDir, `page-${language}.png`);
      await page.screenshot({ path, fullPage: true });
      console.log(`wrote ${path}`);
      // The next language's stress request must find the worker free again.
      await page.locator('#stress-progress[value="100"]').waitFor({ state: 'attached', timeout: 60_000 });
      await context.close();
    }
  } finally {
    await browser.close();
    proxy?.closeAllConnections();
    proxy?.close();
    for (const service of services) {
      await service.stop();
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
