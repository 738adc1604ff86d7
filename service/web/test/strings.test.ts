import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strings } from '../src/strings';

describe('page strings', () => {
  it('have the same keys in both languages', () => {
    expect(Object.keys(strings.es).sort()).toEqual(Object.keys(strings.en).sort());
  });

  it('are translated, not copied', () => {
    const copied = Object.keys(strings.en).filter((key) => strings.en[key as keyof typeof strings.en] === strings.es[key as keyof typeof strings.es]);
    expect(copied).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, english] of Object.entries(strings.en)) {
      const placeholders = (text: string): string[] => (text.match(/\{\w+\}/g) ?? []).sort();
      expect([key, placeholders(strings.es[key as keyof typeof strings.es])]).toEqual([key, placeholders(english)]);
    }
  });

  it('cover every data-i18n key of index.html', async () => {
    const html = await readFile(join(__dirname, '..', 'index.html'), 'utf8');
    const keys = [...html.matchAll(/data-i18n="([^"]+)"/g)].map((match) => match[1]);
    expect(keys.length).toBeGreaterThan(30);
    expect(keys.filter((key) => !(key in strings.en))).toEqual([]);
  });

  it('match the English fallback text of index.html', async () => {
    const html = await readFile(join(__dirname, '..', 'index.html'), 'utf8');
    for (const match of html.matchAll(/data-i18n="([^"]+)">([^<]*)</g)) {
      expect([match[1], match[2]]).toEqual([match[1], strings.en[match[1] as keyof typeof strings.en]]);
    }
  });
});
