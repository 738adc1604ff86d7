/** Two builds in separate processes write identical bytes. */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import execa from 'execa';

const repositoryRoot = resolve(__dirname, '..', '..');
const tsx = join(repositoryRoot, 'node_modules', '.bin', 'tsx');
const cli = join(repositoryRoot, 'dsl', 'cli', 'build-templates.ts');

describe('build-templates', () => {
  const dirs: string[] = [];

  afterAll(() => {
    dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  test('two runs give identical bytes', async () => {
    for (let run = 0; run < 2; run += 1) {
      const dir = mkdtempSync(join(tmpdir(), `build-templates-${run}-`));
      dirs.push(dir);
      await execa(tsx, [cli, '--out', dir], { cwd: repositoryRoot });
    }
    const [first, second] = dirs;
    const names = readdirSync(first).sort();

    expect(names).toEqual(['foundation.bicep', 'foundation.json', 'main.bicep', 'main.json']);
    expect(readdirSync(second).sort()).toEqual(names);
    for (const name of names) {
      expect(readFileSync(join(second, name))).toEqual(readFileSync(join(first, name)));
    }
  }, 120_000);

  test('--check exits 1 naming stale files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'build-templates-empty-'));
    dirs.push(dir);

    const result = await execa(tsx, [cli, '--check', '--out', dir], { cwd: repositoryRoot, reject: false });

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('Stale templates');
    expect(result.stderr).toContain('main.bicep');
  }, 120_000);
});
