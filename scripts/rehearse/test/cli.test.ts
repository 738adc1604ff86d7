import { existsSync } from 'node:fs';
import { join } from 'node:path';
import execa from 'execa';
import { resolvedAutoscaleSetting } from '../../../dsl/topology/resolved';
import { defaultSettleSeconds, formatReport } from '../cli';
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
    expect(lines).toContain('  failed requests          1 at the balancer (0 during scale-in), 0 client-side errors in Artillery');
  });
});

describe('defaultSettleSeconds', () => {
  it('covers one window and one cooldown per instance above the minimum', () => {
    // Topology defaults: 5-minute window and cooldown, 1 to 5 instances, evaluation every 60 s:
    // 300 + 4 × 360 = 1740 Azure seconds, × 1.5 ÷ 30 + 15 = 102.
    expect(defaultSettleSeconds(resolvedAutoscaleSetting(), 30, 60)).toBe(102);
  });
});
