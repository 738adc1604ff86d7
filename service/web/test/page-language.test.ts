import type { Browser, Page } from 'playwright-core';
import { describeWithChromium } from '../../../test/support/requirements';
import { strings } from '../src/strings';
import { launchChromium, openPage, type WatchedPage } from './support/browser';
import { startTarget, type Target } from './support/target';

/** Text of every translated element, label, heading, button and header cell, hidden ones included. */
async function visibleTexts(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const texts: Record<string, string> = { title: document.title };
    const selector = '[data-i18n], label, button, h1, h2, h3, th[scope="col"], caption, dt';
    document.querySelectorAll<HTMLElement>(selector).forEach((element, index) => {
      texts[`${index}:${element.id || element.tagName}`] = (element.textContent ?? '').trim();
    });
    return texts;
  });
}

/**
 * Parts of the English strings long enough to be recognised (placeholders
 * split them), which must all be gone once the page is in Spanish.
 */
function englishFragments(): string[] {
  return Object.values(strings.en)
    .flatMap((text) => text.split(/\{\w+\}/))
    .map((fragment) => fragment.trim())
    .filter((fragment) => fragment.length >= 8);
}

describeWithChromium()('page language', () => {
  let target: Target;
  let browser: Browser;
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    target = await startTarget();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await target?.stop();
  });

  it('follows Accept-Language', async () => {
    const spanish = await openPage(browser, target.url, { locale: 'es-ES' });
    opened.push(spanish);

    expect(await spanish.page.getAttribute('html', 'lang')).toBe('es');
    expect(await spanish.page.locator('h1').textContent()).toBe('Registro de visitas');
    expect(await spanish.page.getByLabel('Idioma').inputValue()).toBe('es');
  });

  it('changes every label on switch', async () => {
    const english = await openPage(browser, target.url, { locale: 'en-GB' });
    opened.push(english);
    const { page } = english;
    const before = await visibleTexts(page);
    expect(before.title).toBe(strings.en['page.title']);

    await page.getByLabel('Language').selectOption('es');
    await page.locator('h1').filter({ hasText: 'Registro de visitas' }).waitFor();
    const after = await visibleTexts(page);

    expect(Object.keys(after)).toEqual(Object.keys(before));
    const unchanged = Object.keys(before).filter((key) => before[key] === after[key]);
    expect(unchanged).toEqual([]);
    expect(await page.getAttribute('html', 'lang')).toBe('es');

    const body = await page.locator('body').innerText();
    const leftInEnglish = englishFragments().filter((fragment) => body.includes(fragment));
    expect(leftInEnglish).toEqual([]);
  });

  it('remembers the switch after a reload', async () => {
    const { page } = opened[1];
    await page.reload();
    await page.locator('#total-visits').filter({ hasText: /\d/ }).waitFor();

    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.locator('h1').textContent()).toBe('Registro de visitas');

    await page.getByLabel('Idioma').selectOption('en');
    await page.reload();
    await page.locator('h1').filter({ hasText: 'Visit registry' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
  });

  it('logs no console error', () => {
    expect(opened.flatMap((watched) => watched.errors)).toEqual([]);
  });
});
