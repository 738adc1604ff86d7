import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '../../scripts/lib/free-port';
import { startLocalService, type LocalService } from '../local-service';
import { profilePath } from '../profiles';
import { readReport, summariseReport } from '../report';
import { runArtillery } from '../run-artillery';

describe('smoke profile against the real service', () => {
  let dir: string;
  let service: LocalService | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'artillery-smoke-'));
    service = await startLocalService({
      port: await findFreePort(),
      dataDir: dir,
      logFile: join(dir, 'service.log'),
      readyTimeoutMs: 90_000,
      env: { INSTANCE_ID: 'smoke-test', LOG_LEVEL: 'info' },
    });
  }, 120_000);

  afterAll(async () => {
    const exitCode = await service?.stop();
    if (exitCode !== 0 && exitCode !== undefined) {
      console.error(`service exit code ${exitCode}; log:\n${readFileSync(join(dir, 'service.log'), 'utf8').slice(-4000)}`);
    }
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('passes every expectation and ensure check', async () => {
    const reportPath = join(dir, 'smoke.json');
    const result = await runArtillery({
      scriptPath: profilePath('smoke'),
      target: service?.url ?? '',
      environment: 'local',
      output: reportPath,
      quiet: true,
      stdio: 'pipe',
    });
    if (result.exitCode !== 0) {
      console.error(result.output);
    }
    expect(result.exitCode).toBe(0);

    const report = readReport(reportPath);
    const summary = summariseReport(report);
    expect(summary.requests).toBe(14);
    expect(summary.serverErrors).toBe(0);
    expect(summary.vusersFailed).toBe(0);
    expect(summary.codes['201']).toBe(1);
    expect(summary.codes['400']).toBe(2);
    expect(summary.servedBy).toEqual({ 'smoke-test': 14 });
    expect(report.aggregate.counters['plugins.expect.failed'] ?? 0).toBe(0);
    expect(report.aggregate.counters['plugins.expect.ok']).toBeGreaterThan(40);
  }, 180_000);
});
