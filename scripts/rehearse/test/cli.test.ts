import { existsSync } from 'node:fs';
import { join } from 'node:path';
import execa from 'execa';
import { resolvedAutoscaleSetting } from '../../../dsl/topology/resolved';
import { defaultSettleSeconds, formatReport, rehearsalVerdict } from '../cli';
import { sampleTimeline } from './sample-timeline';

const root = join(__dirname, '..', '..', '..');

describe('rehearse CLI', () => {
  it('shows the options with --help', async () => {
    const result = await execa(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'scripts', 'rehearse', 'cli.ts'), '--help'], {
      cwd: root,
      reject: false,
      timeout: 60_000,
    });

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('--time-scale');
    expect(result.stdout).toContain('--database-url');
    expect(result.stdout).toContain('--boot-delay');
  });

  it('rejects a script that does not exist', async () => {
    const result = await execa(
      process.execPath,
      [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'scripts', 'rehearse', 'cli.ts'), '--script', 'missing.yml', '--port', '0'],
      { cwd: root, reject: false, timeout: 60_000 },
    );

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/The Artillery script .*missing\.yml does not exist/);
  });
});

describe('rehearse CLI validation', () => {
  it('rejects a setting the DSL finds invalid before starting anything', async () => {
    const result = await execa(
      process.execPath,
      [
        join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        join(root, 'scripts', 'rehearse', 'cli.ts'),
        '--setting',
        join(__dirname, 'fixtures', 'step-too-large.json'),
        '--port',
        '0',
        '--out',
        join(root, 'rehearsal', 'never-created'),
      ],
      { cwd: root, reject: false, timeout: 60_000 },
    );

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('Invalid autoscale setting:');
    expect(result.stderr).toContain('scaleAction.value = "5": changes the count by more than maximum - minimum (2 - 1 = 1)');
    expect(existsSync(join(root, 'rehearsal', 'never-created'))).toBe(false);
  });
});

describe('formatReport', () => {
  it('lists the scale actions and the summary', () => {
    const lines = formatReport(sampleTimeline());

    expect(lines).toContain('     6.0 s  ScaleOut         ScaleOut 1 → 2');
    expect(lines).toContain('    36.0 s  ScaleIn          ScaleIn 2 → 1');
    expect(lines).toContain('  time to first scale-out  6.0 s (3.0 min in Azure time) after the load started');
    expect(lines).toContain('  failed requests          1 at the balancer (0 during scale-in), 0 at the client');
  });

  it('names the client-side failures by Artillery error code', () => {
    const timeline = sampleTimeline();
    timeline.summary = { ...timeline.summary, failures: 0, clientErrors: 32, clientErrorsByCode: { ERR_SOCKET_TIMEOUT: 32 } };

    expect(formatReport(timeline)).toContain('  failed requests          0 at the balancer (0 during scale-in), 32 at the client (Artillery errors: ERR_SOCKET_TIMEOUT 32)');
  });
});

describe('rehearsalVerdict', () => {
  it('passes a run that scaled out and back with no failures', () => {
    expect(rehearsalVerdict(sampleTimeline(), true)).toEqual({
      exitCode: 0,
      line: "rehearsal passed: scaled out to 3 and back to 1, no request failed during a scale-in, Artillery's checks passed",
    });
  });

  it('fails when Artillery exited non-zero', () => {
    const timeline = sampleTimeline();
    timeline.summary = { ...timeline.summary, artilleryExitCode: 1, clientErrors: 32, clientErrorsByCode: { ERR_SOCKET_TIMEOUT: 32 } };

    const verdict = rehearsalVerdict(timeline, true);

    expect(verdict.exitCode).toBe(1);
    expect(verdict.line).toBe(
      'rehearsal failed: Artillery exited with code 1, so its ensure checks failed or it stopped early (Artillery errors: ERR_SOCKET_TIMEOUT 32), see artillery.log',
    );
  });

  it('fails when a request failed during a scale-in', () => {
    const timeline = sampleTimeline();
    timeline.summary = { ...timeline.summary, failuresDuringScaleIn: 2 };

    expect(rehearsalVerdict(timeline, true)).toEqual({ exitCode: 1, line: 'rehearsal failed: 2 requests failed during a scale-in' });
  });

  it('verdict fails without a scale-out', () => {
    const timeline = sampleTimeline();
    timeline.decisions = timeline.decisions.slice(0, 2);
    timeline.summary = { ...timeline.summary, peakInstances: 1, scaleOuts: 0, scaleIns: 0, timeToFirstScaleOutMs: null, timeBackToMinimumMs: null };

    expect(rehearsalVerdict(timeline, true)).toEqual({
      exitCode: 1,
      line: 'rehearsal failed: it never scaled out, though the spike profile is sized to (--allow-no-scaling accepts that)',
    });
    expect(rehearsalVerdict(timeline, false)).toEqual({
      exitCode: 0,
      line: "rehearsal passed: stayed at 1 instance (no scale-out expected), no request failed during a scale-in, Artillery's checks passed",
    });
  });

  it('verdict lists every failure reason', () => {
    const timeline = sampleTimeline();
    timeline.decisions = timeline.decisions.slice(0, 6);
    timeline.summary = { ...timeline.summary, timeBackToMinimumMs: null, failuresDuringScaleIn: 1 };

    expect(rehearsalVerdict(timeline, true)).toEqual({
      exitCode: 1,
      line: 'rehearsal failed: 1 request failed during a scale-in; the capacity ended at 2, not back at the minimum of 1 (a longer --settle-timeout waits more)',
    });
  });
});

describe('defaultSettleSeconds', () => {
  it('covers one window and one cooldown per instance above the minimum', () => {
    // Topology defaults: 5-minute window and cooldown, 1 to 5 instances, evaluation every 60 s:
    // 300 + 4 × 360 = 1740 Azure seconds, × 1.5 ÷ 30 + 15 = 102.
    expect(defaultSettleSeconds(resolvedAutoscaleSetting(), 30, 60)).toBe(102);
  });
});
