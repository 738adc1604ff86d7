/** The committed generated/ folder equals a fresh build, file for file and byte for byte. */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildTemplatesInto } from '../cli/build-templates';

const generatedDir = resolve(__dirname, '..', '..', 'generated');

describe('generated/', () => {
  let freshDir: string;

  beforeAll(() => {
    freshDir = mkdtempSync(join(tmpdir(), 'generated-'));
    buildTemplatesInto(freshDir, false);
  });

  afterAll(() => {
    rmSync(freshDir, { recursive: true, force: true });
  });

  test('holds the files a build writes', () => {
    const templateFiles = (dir: string): string[] => readdirSync(dir).filter((name) => /\.(bicep|json)$/.test(name)).sort();

    expect(templateFiles(generatedDir)).toEqual(templateFiles(freshDir));
  });

  test.each(['foundation.bicep', 'foundation.json', 'main.bicep', 'main.json'])('%s is current (run make build-templates)', (name) => {
    expect(readFileSync(join(generatedDir, name), 'utf8')).toBe(readFileSync(join(freshDir, name), 'utf8'));
  });

  test('--check passes on it', () => {
    expect(buildTemplatesInto(generatedDir, true).stale).toEqual([]);
  });
});
