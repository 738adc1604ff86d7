import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createTar, readTar } from './tar';

const longPath = `service/public/${'deep/'.repeat(20)}file.txt`;
const entries = [
  { path: 'b.txt', mode: 0o644, content: Buffer.from('second\n') },
  { path: 'a', mode: 0o755 },
  { path: 'a/run', mode: 0o755, content: Buffer.from('#!/bin/sh\necho hi\n') },
  { path: longPath, mode: 0o644, content: Buffer.alloc(1500, 7) },
];

describe('createTar', () => {
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'tar-test-'));
  });

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  test('sorts entries by path', () => {
    const paths = readTar(createTar(entries, 1_700_000_000)).map((entry) => entry.path);
    expect(paths).toEqual(['a', 'a/run', 'b.txt', longPath]);
  });

  test('round-trips content and modes', () => {
    const read = readTar(createTar(entries, 1_700_000_000));
    expect(read.find((entry) => entry.path === 'a/run')).toEqual({ path: 'a/run', mode: 0o755, content: entries[2].content });
    expect(read.find((entry) => entry.path === longPath)?.content).toEqual(entries[3].content);
    expect(read.find((entry) => entry.path === 'a')).toEqual({ path: 'a', mode: 0o755 });
  });

  test('same entries give same bytes', () => {
    expect(createTar([...entries].reverse(), 1_700_000_000).equals(createTar(entries, 1_700_000_000))).toBe(true);
  });

  test('GNU tar extracts it', () => {
    const archive = join(directory, 'test.tar');
    writeFileSync(archive, createTar(entries, 1_700_000_000));
    const listing = execFileSync('tar', ['--list', '--verbose', '--numeric-owner', '--file', archive], { encoding: 'utf8' });
    expect(listing).toContain('-rwxr-xr-x 0/0');
    expect(listing).toContain(longPath);

    execFileSync('tar', ['--extract', '--file', archive, '--directory', directory]);
    expect(readFileSync(join(directory, 'a', 'run'), 'utf8')).toBe('#!/bin/sh\necho hi\n');
    expect(statSync(join(directory, 'a', 'run')).mode & 0o777).toBe(0o755);
    expect(statSync(join(directory, 'b.txt')).mtimeMs).toBe(1_700_000_000_000);
  });

  test('rejects a path over 255 bytes', () => {
    expect(() => createTar([{ path: 'x'.repeat(300), mode: 0o644, content: Buffer.alloc(0) }], 0)).toThrow(/Path too long/);
  });
});
