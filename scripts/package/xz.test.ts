import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

import { compressXz } from './xz';

// Half random and half repeated bytes, like a binary's incompressible and repetitive parts.
const input = Buffer.concat([randomBytes(256 * 1024), Buffer.alloc(256 * 1024, 'release ')]);

describe('compressXz', () => {
  test('xz decompresses it to the input', async () => {
    const compressed = await compressXz(input, 6);
    const decompressed = execFileSync('xz', ['--decompress', '--stdout'], { input: compressed, maxBuffer: 16 * 1024 * 1024 });
    expect(decompressed.equals(input)).toBe(true);
  });

  test('starts with the xz magic bytes', async () => {
    const compressed = await compressXz(input, 0);
    expect([...compressed.subarray(0, 6)]).toEqual([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);
  });

  test('same input gives same bytes', async () => {
    const [first, second] = await Promise.all([compressXz(input, 9), compressXz(input, 9)]);
    expect(second.equals(first)).toBe(true);
  });

  test('is smaller than the input', async () => {
    const compressed = await compressXz(input, 9);
    expect(compressed.length).toBeLessThan(input.length * 0.6);
  });

  test('rejects a preset above 9', async () => {
    await expect(compressXz(input, 12)).rejects.toThrow('Invalid xz preset 12: use a whole number from 0 to 9');
  });
});
