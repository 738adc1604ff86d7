import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { findFreePort } from '../lib/free-port';
import { createTestDatabase, TestDatabase } from '../../test/bootstrap/postgres-database';
import { describeWithPostgres, findTestDatabaseUrl } from '../../test/support/requirements';
import { buildRelease, BuiltRelease, ReleaseManifest } from './build-release';

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

// Preset 0 keeps two builds quick; the xz preset does not change whether the bytes repeat.
const compressionLevel = 0;

/**
 * Clones the repository at HEAD into `directory`, sharing its objects and node_modules, so
 * both builds read one commit even while files of the working tree change.
 */
function cloneHead(directory: string): string {
  const repository = join(__dirname, '..', '..');
  const clone = join(directory, 'clone');
  execFileSync('git', ['clone', '--quiet', '--shared', '--no-checkout', repository, clone]);
  execFileSync('git', ['-C', clone, 'checkout', '--quiet', execFileSync('git', ['-C', repository, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim()]);
  execFileSync('ln', ['-s', join(repository, 'node_modules'), join(clone, 'node_modules')]);
  return clone;
}

describe('buildRelease', () => {
  let directory: string;
  let first: BuiltRelease;
  let second: BuiltRelease;
  let unpacked: string;
  let manifest: ReleaseManifest;
  let repositoryRoot: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'build-release-'));
    repositoryRoot = cloneHead(directory);
    first = await buildRelease({ repositoryRoot, outDir: join(directory, 'first'), compressionLevel });
    second = await buildRelease({ repositoryRoot, outDir: join(directory, 'second'), compressionLevel });
    console.log(`release ${first.version}: ${first.size} bytes at xz preset ${compressionLevel}, sha256 ${first.sha256}`);

    unpacked = join(directory, 'unpacked');
    execFileSync('mkdir', ['-p', unpacked]);
    execFileSync('tar', ['--extract', '--xz', '--file', first.path, '--directory', unpacked]);
    manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8')) as ReleaseManifest;
  }, 600_000);

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  test('two builds are byte-identical', () => {
    expect(second.sha256).toBe(first.sha256);
    expect(readFileSync(second.path).equals(readFileSync(first.path))).toBe(true);
  });

  test('reports the file it wrote', () => {
    expect(first.path).toBe(join(directory, 'first', `${first.version}.tar.xz`));
    expect(first.size).toBe(statSync(first.path).size);
    expect(first.sha256).toBe(sha256(readFileSync(first.path)));
    expect(first.version).toMatch(/^vmss-autoscaling-\d+\.\d+\.\d+-[0-9a-f]{7}$/);
  });

  test('has the release layout', () => {
    for (const path of ['manifest.json', 'node/bin/node', 'service/main.js', 'service/worker.js', 'service/public/index.html']) {
      expect(existsSync(join(unpacked, path))).toBe(true);
    }
    expect(statSync(join(unpacked, 'node/bin/node')).mode & 0o777).toBe(0o755);
  });

  test('manifest hashes match the files', () => {
    const paths = Object.keys(manifest.files);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toContain('service/main.js');
    for (const [path, hash] of Object.entries(manifest.files)) {
      expect({ path, hash: sha256(readFileSync(join(unpacked, path))) }).toEqual({ path, hash });
    }
  });

  test('manifest names the pinned Node.js', () => {
    const nvmrc = readFileSync(join(repositoryRoot, '.nvmrc'), 'utf8').trim();
    expect(manifest.node).toBe(`v${nvmrc}`);
    expect(Object.keys(manifest)).toEqual(['commit', 'files', 'name', 'node', 'version']);
    expect(manifest.name).toBe('vmss-autoscaling');
    expect(manifest.commit).toBe(execFileSync('git', ['-C', repositoryRoot, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim());
  });

  test('bundled node is the pinned version', () => {
    const version = execFileSync(join(unpacked, 'node/bin/node'), ['--version'], { encoding: 'utf8' }).trim();
    expect(version).toBe(manifest.node);
  });

  test('leaves out headers and docs', () => {
    const paths = Object.keys(manifest.files);
    expect(paths.filter((path) => path.startsWith('node/'))).toEqual(['node/LICENSE', 'node/bin/node']);
  });

  test('bundle excludes the SQLite module', () => {
    const main = readFileSync(join(unpacked, 'service/main.js'), 'utf8');
    expect(main).toContain('require("better-sqlite3")');
    expect(existsSync(join(unpacked, 'service', 'node_modules'))).toBe(false);
  });

  describeWithPostgres()('bundled service on PostgreSQL', () => {
    let database: TestDatabase;
    let service: ChildProcess;
    let port: number;
    let output = '';

    beforeAll(async () => {
      database = await createTestDatabase(findTestDatabaseUrl() as string, 'release_service');
      port = await findFreePort();
      // A clean environment, as systemd gives one: only what the environment file would set.
      service = spawn(join(unpacked, 'node/bin/node'), [join(unpacked, 'service/main.js')], {
        cwd: directory,
        env: { PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: database.url, DRAIN_DELAY_MS: '0', INSTANCE_ID: 'release-test' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      service.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      service.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const status = await fetch(`http://127.0.0.1:${port}/health`).then((response) => response.status, () => 0);
        if (status === 200) {
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`bundled service not healthy within 60 s; its output:\n${output}`);
    }, 120_000);

    afterAll(async () => {
      if (service && service.exitCode === null) {
        service.kill('SIGKILL');
      }
      await database?.drop();
    });

    test('health reports ready', async () => {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      const body = (await response.json()) as { status: string; instance_id: string };
      expect(response.status).toBe(200);
      expect(body.status).toBe('ready');
      expect(body.instance_id).toBe('release-test');
    });

    test('worker pool runs from worker.js', async () => {
      const response = await fetch(`http://127.0.0.1:${port}/api/visits`);
      const body = (await response.json()) as { computed: string };
      expect(response.status).toBe(200);
      expect(body.computed).toMatch(/^[0-9a-f]{32}$/);
    });

    test('web page is served from public', async () => {
      const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(readFileSync(join(unpacked, 'service/public/index.html'), 'utf8'));
    });

    test('exits 0 on SIGTERM', async () => {
      const exited = new Promise<number | null>((resolve) => service.once('exit', (code) => resolve(code)));
      service.kill('SIGTERM');
      expect(await exited).toBe(0);
    }, 60_000);
  });
});
