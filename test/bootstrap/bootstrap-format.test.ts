import { copyFileSync, mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { bootPaths } from '../../dsl/cloud-init';
import { systemctlCalls } from './boot-harness';
import { BootFixture, bootWithStandIns } from './boot-fixture';
import { buildStandInRelease } from './stand-in-release';

describe('bootstrap of a .tar.gz release', () => {
  let directory: string;
  let boot: BootFixture;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'bootstrap-gzip-'));
    boot = await bootWithStandIns({ release: buildStandInRelease(directory, 'vmss-autoscaling-0.0.0-gzip', 'gzip') });
  });

  afterAll(async () => {
    await boot?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  test('exits 0 once healthy', () => {
    expect({ exitCode: boot.run.exitCode, output: boot.run.output }).toEqual({
      exitCode: 0,
      output: expect.stringContaining('service healthy at'),
    });
  });

  test('names the folder without the extension', () => {
    expect(readlinkSync(join(boot.root, bootPaths.releaseRoot, 'current'))).toBe('releases/vmss-autoscaling-0.0.0-gzip');
  });
});

describe('bootstrap of a blob that is no tarball', () => {
  let directory: string;
  let boot: BootFixture;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'bootstrap-zip-'));
    const release = buildStandInRelease(directory);
    const file = join(directory, 'vmss-autoscaling-0.0.0-standin.zip');
    copyFileSync(release.file, file);
    boot = await bootWithStandIns({ release: { ...release, file } });
  });

  afterAll(async () => {
    await boot?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  test('fails before downloading', () => {
    expect(boot.run.exitCode).toBe(1);
    expect(boot.run.output).toContain(
      `error: blob URL ${boot.blob.url}/releases/vmss-autoscaling-0.0.0-standin.zip does not end in .tar.xz or .tar.gz; ` +
        'give the URL of a release tarball from make package',
    );
    expect(boot.blob.requests).toHaveLength(0);
  });

  test('never calls systemctl', () => {
    expect(systemctlCalls(boot.root)).toEqual([]);
  });
});
