import { join } from 'node:path';
import execa from 'execa';

const CLI = join(__dirname, '..', 'cli.ts');
const TSX = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');

describe('deploy CLI help', () => {
  test.each([
    ['deploy', ['--location', '--ssh-public-key', '--ssh-source', '--release', '--what-if', '--yes', '--resource-group', '--prefix']],
    ['release', ['--release', '--roll', '--resource-group']],
    ['monitor', ['--interval', '--once', '--event-hours', '--resource-group']],
    ['destroy', ['--yes', '--resource-group']],
  ])('%s --help lists its options', async (command, options) => {
    const result = await execa(TSX, [CLI, command, '--help'], { reject: false, timeout: 60_000 });

    expect(result.exitCode).toBe(0);
    for (const option of options) {
      expect(result.stdout).toContain(option);
    }
  });

  test('missing command prints usage and exits 1', async () => {
    const result = await execa(TSX, [CLI, '--resource-group', 'rg'], { reject: false, timeout: 60_000 });

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('Give a command: deploy, release, monitor or destroy');
  });

  test('rejects a monitor interval under 5 seconds', async () => {
    const result = await execa(TSX, [CLI, 'monitor', '--resource-group', 'rg', '--interval', '1'], { reject: false, timeout: 60_000 });

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('--interval 1 is too short: use 5 seconds or more');
  });
});
