import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildPage, defaultPublicDir, findStaleFiles, type BuiltFiles } from '../build';

// The page must stay small enough to load quickly through a busy load balancer.
const maximumTotalBytes = 100 * 1024;

describe('service/public build output', () => {
  let files: BuiltFiles;

  beforeAll(async () => {
    files = await buildPage();
  });

  it('matches a fresh build of service/web', async () => {
    // On failure run: npx tsx service/web/build.ts
    expect(await findStaleFiles(files, defaultPublicDir)).toEqual([]);
  });

  it('builds the same bytes twice', async () => {
    const again = await buildPage();
    expect([...again.keys()]).toEqual([...files.keys()]);
    for (const [path, contents] of files) {
      expect(again.get(path)?.equals(contents)).toBe(true);
    }
  });

  it('stays under 100 KB in total', () => {
    const total = [...files.values()].reduce((sum, contents) => sum + contents.length, 0);
    expect(total).toBeLessThan(maximumTotalBytes);
  });

  it('loads nothing from another origin', async () => {
    const html = await readFile(join(defaultPublicDir, 'index.html'), 'utf8');
    for (const [path, contents] of files) {
      expect([path, contents.toString('utf8').match(/(?:src|href|url\()\s*=?\s*["']?(?:https?:)?\/\//gi)]).toEqual([path, null]);
    }
    expect(html).toContain('<script src="/assets/app.js" defer></script>');
    expect(html).not.toMatch(/<script>|<style>|\sstyle=|\son[a-z]+=/i);
  });
});
