/** Runs the explain CLI as a child process, as a user would. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import execa from 'execa';

const root = join(__dirname, '..', '..', '..');
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const cli = join(root, 'dsl', 'autoscale', 'explain-cli.ts');
const fixture = join(__dirname, 'fixtures', 'cpu-70-30.json');

function explain(args: string[]) {
  return execa(process.execPath, [tsx, cli, ...args], { cwd: root, reject: false, timeout: 60_000 });
}

describe('explain CLI', () => {
  it('prints a scale-out and a later scale-in with reasons', async () => {
    const result = await explain(['--cpu', '20x5,90x10,10x20', '--setting', fixture]);
    const lines = result.stdout.split('\n');

    expect(result.exitCode).toBe(0);
    const scaleOut = lines.findIndex((line) => /^\s+9:00\s+76\.0 %\s+1 → 2\s+ScaleOut\s+scale out 1 → 2: #0 Percentage CPU Average\/PT5M 76 > 70$/.test(line));
    const scaleIn = lines.findIndex((line) => /^\s+19:00\s+26\.0 %\s+3 → 2\s+ScaleIn\s+scale in 3 → 2: all scale-in rules fired/.test(line));
    expect(scaleOut).toBeGreaterThan(0);
    expect(scaleIn).toBeGreaterThan(scaleOut);
    expect(lines[scaleIn]).toContain('estimate 26 × 3 ÷ 2 = 39 would not fire scale-out rule #0 (> 70)');
    expect(result.stdout).toContain('35 evaluations: 2 scale-out, 2 scale-in, peak 3 instances, final 1 instance');
  });

  it('explains a scale-in skipped for flapping', async () => {
    const result = await explain([
      '--cpu', '60x10', '--instances', '3', '--setting', fixture,
      '--scale-out-threshold', '80', '--scale-in-threshold', '61', '--changes-only',
    ]);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).not.toMatch(/ScaleIn /);
    const full = await explain(['--cpu', '60x10', '--instances', '3', '--setting', fixture, '--scale-out-threshold', '80', '--scale-in-threshold', '61']);
    expect(full.stdout).toContain('no change (Flapping): scale-in to 2 skipped because the estimate 60 × 3 ÷ 2 = 90 would fire scale-out rule #0 (> 80)');
  });

  it('reads a per-minute CSV', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'explain-csv-'));
    const csv = join(folder, 'cpu.csv');
    writeFileSync(csv, ['minute,cpu', ...Array.from({ length: 6 }, (_, minute) => `${minute},95`)].join('\n'));
    try {
      const result = await explain(['--csv', csv, '--setting', fixture, '--changes-only']);

      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain('CPU series: 6 minutes (instance mode)');
      expect(result.stdout).toMatch(/1:00\s+95\.0 %\s+1 → 2\s+ScaleOut/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('prints JSON with --json', async () => {
    const result = await explain(['--cpu', '90x6', '--setting', fixture, '--json']);
    const parsed = JSON.parse(result.stdout) as { timeline: Array<{ offsetSeconds: number; reason: string; capacityAfter: number }> };

    expect(parsed.timeline).toHaveLength(6);
    // The first run reads one complete minute at 90 %, which already averages above 70.
    expect(parsed.timeline[0]).toMatchObject({ offsetSeconds: 60, reason: 'ScaleOut', capacityAfter: 2 });
    expect(parsed.timeline[5]).toMatchObject({ offsetSeconds: 360, reason: 'ScaleOut', capacityAfter: 3 });
  });

  it('shows the options with --help', async () => {
    const result = await explain(['--help']);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('--evaluation-interval');
    expect(result.stdout).toContain('--scale-out-threshold');
  });

  it('rejects a missing series with the fix', async () => {
    const result = await explain(['--setting', fixture]);

    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('Missing CPU series: give --cpu 20x5,90x10,10x20 or --csv FILE.');
  });

  it('rejects an invalid series part', async () => {
    const result = await explain(['--cpu', '90y5', '--setting', fixture]);

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('Invalid CPU value "90y5"');
  });
});

describe('explain CLI with the topology setting', () => {
  it('scales out and back in on the spike', async () => {
    const result = await explain(['--cpu', '20x5,90x10,10x20']);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("Autoscale setting: the topology's");
    expect(result.stdout).toMatch(/ScaleOut\s+scale out 1 → 2/);
    expect(result.stdout).toMatch(/ScaleIn\s+scale in 2 → 1/);
  });

  it('rejects a step larger than maximum minus minimum', async () => {
    const result = await explain(['--cpu', '20x5', '--minimum', '1', '--maximum', '5', '--scale-out-by', '9']);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Invalid autoscale setting after the overrides');
    expect(result.stderr).toContain('scaleAction.value = "9"');
    expect(result.stderr).toContain('maximum - minimum (5 - 1 = 4)');
  });
});

describe('explain CLI help', () => {
  it('runs the flapping example as printed', async () => {
    const help = await explain(['--help']);
    // yargs wraps each example over lines: the command in the left column, its description in the right.
    const examples = help.stdout.split('Examples:')[1] ?? '';
    const commands = examples
      .split('\n')
      .map((line) => line.trim().split(/\s{2,}/)[0] ?? '')
      .join(' ')
      .split('npm run autoscale:explain --')
      .map((command) => command.trim())
      .filter((command) => command !== '');
    const example = commands.find((command) => command.includes('--instances'));

    expect(example).toBeDefined();
    const args = (example as string).split(/\s+/);
    expect(args).toContain('--scale-in-threshold');
    const result = await explain(args);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Flapping');
    expect(result.stdout).not.toMatch(/ScaleIn\s+scale in/);
  });
});

describe('explain CLI summary', () => {
  it('counts the starting instances in the peak', async () => {
    const result = await explain(['--cpu', '10x20', '--instances', '7', '--setting', fixture, '--maximum', '10', '--minimum', '1']);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/ScaleIn\s+scale in 7 → 6/);
    expect(result.stdout).toMatch(/peak 7 instances, final \d instances?$/m);
  });
});

