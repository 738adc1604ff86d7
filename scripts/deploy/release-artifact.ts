/**
 * Finds the release tarball to deploy: the one given with --release, or a new
 * one from the package builder (scripts/package/build-release.ts).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from './errors';

export interface ReleaseArtifact {
  path: string;
  sha256: string;
  size: number;
}

/** Signature of `buildRelease()` exported by scripts/package/build-release.ts. */
type BuildRelease = (options?: { outDir?: string }) => Promise<{ path: string; sha256: string; size: number; version: string }>;

/** Computes the SHA-256 of a file as lowercase hex, streaming it. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/** Describes an existing tarball, or rejects with a message naming the path. */
export async function describeTarball(path: string): Promise<ReleaseArtifact> {
  const absolute = resolve(path);
  let size: number;
  try {
    const info = await stat(absolute);
    if (!info.isFile()) {
      throw new UsageError(`--release ${path} is not a file: give the path of a release .tar.xz from make package`);
    }
    size = info.size;
  } catch (error) {
    if (error instanceof UsageError) {
      throw error;
    }
    throw new UsageError(`--release ${path} not found: run make package, or give the path of a release .tar.xz`);
  }
  return { path: absolute, sha256: await sha256OfFile(absolute), size };
}

/** Builds a new release with the package builder, loaded at run time so deploy works without it when --release is given. */
export async function buildNewRelease(): Promise<ReleaseArtifact> {
  const modulePath = join(__dirname, '..', 'package', 'build-release');
  let buildRelease: BuildRelease | undefined;
  try {
    ({ buildRelease } = (await import(modulePath)) as { buildRelease?: BuildRelease });
  } catch (error) {
    throw new Error(`cannot load the package builder ${modulePath}.ts: ${(error as Error).message}; pass --release with a tarball instead`);
  }
  if (typeof buildRelease !== 'function') {
    throw new Error(`${modulePath}.ts does not export buildRelease(); pass --release with a tarball instead`);
  }
  const built = await buildRelease();
  return { path: built.path, sha256: built.sha256, size: built.size };
}
