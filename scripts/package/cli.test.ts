import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const repositoryRoot = join(__dirname, '..', '..');

function runCli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(join(repositoryRoot, 'node_modules', '.bin', 'tsx'), [join(__dirname, 'cli.ts'), ...args], {
    cwd: repositoryRoot,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('package CLI', () => {
  test('help lists the options', () => {
    const { status, stdout } = runCli('--help');
    expect(status).toBe(0);
    expect(stdout).toContain('--out');
    expect(stdout).toContain('--cache');
    expect(stdout).toContain('--compression-level');
  });

  test('rejects an invalid compression level', () => {
    const { status, stderr } = runCli('--compression-level', '12');
    expect(status).toBe(1);
    expect(stderr).toContain('Invalid --compression-level 12: use a whole number from 0 to 9');
  });

  test('rejects an unknown option', () => {
    const { status, stderr } = runCli('--outdir', '/tmp/x');
    expect(status).toBe(1);
    expect(stderr).toContain('Unknown argument: outdir');
  });
});
