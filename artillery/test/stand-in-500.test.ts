import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ARTILLERY_DIR, PROFILE_NAMES, readProfile, type ProfileName } from '../profiles';
import { runArtillery } from '../run-artillery';

const RUN_TIMEOUT_MS = 180_000;

/** Starts a loopback stand-in for the service that responds to every request with `status` and a JSON body. */
async function startStandIn(status: number): Promise<{ url: string; server: Server; requests: () => number }> {
  let requests = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      requests += 1;
      response.writeHead(status, { 'content-type': 'application/json', 'x-instance-id': 'stand-in' });
      response.end(JSON.stringify({ instance_id: 'stand-in', status }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server, requests: () => requests };
}

/**
 * Writes a copy of a profile whose local environment sends 2 virtual users in
 * 1 second, keeping the profile's own ensure checks and scenarios.
 */
function writeTinyProfile(name: ProfileName, dir: string): string {
  const script = readProfile(name);
  script.config.processor = join(ARTILLERY_DIR, 'processor.js');
  for (const environment of Object.values(script.config.environments ?? {})) {
    delete environment.phases;
  }
  script.config.phases = [{ name: 'tiny', duration: 1, arrivalCount: 2 }];
  const path = join(dir, `${name}-tiny.yml`);
  writeFileSync(path, stringify(script));
  return path;
}

describe('artillery against a stand-in', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'artillery-stand-in-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(PROFILE_NAMES)(
    '%s exits non-zero when the stand-in returns 500',
    async (name) => {
      const standIn = await startStandIn(500);
      try {
        const result = await runArtillery({
          scriptPath: writeTinyProfile(name, dir),
          target: standIn.url,
          environment: 'local',
          output: join(dir, `${name}-500.json`),
          quiet: true,
          stdio: 'pipe',
        });

        expect(standIn.requests()).toBeGreaterThan(0);
        expect(result.output).toContain('fail: not (http.codes.500 > 0)');
        expect(result.exitCode).not.toBe(0);
      } finally {
        standIn.server.close();
      }
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'spike exits zero when the stand-in returns 200',
    async () => {
      const standIn = await startStandIn(200);
      try {
        const result = await runArtillery({
          scriptPath: writeTinyProfile('spike', dir),
          target: standIn.url,
          environment: 'local',
          quiet: true,
          stdio: 'pipe',
        });

        expect(standIn.requests()).toBeGreaterThan(0);
        expect(result.output).toContain('ok: not (http.codes.500 > 0)');
        if (result.exitCode !== 0) {
          console.error(result.output);
        }
        expect(result.exitCode).toBe(0);
      } finally {
        standIn.server.close();
      }
    },
    RUN_TIMEOUT_MS,
  );
});
