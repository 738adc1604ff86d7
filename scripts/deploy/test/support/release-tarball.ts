/** Writes a small gzip file named like a real release, for tests that give deploy --release. */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface TestTarball {
  path: string;
  bytes: Buffer;
  sha256: string;
  dir: string;
}

export function writeTestTarball(version = '0.1.0', commit = 'abc1234', content = 'manifest stand-in\n'): TestTarball {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-release-'));
  const path = join(dir, `vmss-autoscaling-${version}-${commit}.tar.gz`);
  const bytes = gzipSync(Buffer.from(content));
  writeFileSync(path, bytes);
  return { path, bytes, sha256: createHash('sha256').update(bytes).digest('hex'), dir };
}
