import type { Browser } from 'playwright-core';
import { describeWithChromium } from '../../../test/support/requirements';
import { launchChromium, openPage, unexpectedErrors, type WatchedPage } from './support/browser';
import { startTarget, type Target } from './support/target';

describeWithChromium()('page stress control switched off', () => {
  let target: Target;
  let browser: Browser;
  let opened: WatchedPage;

  beforeAll(async () => {
    target = await startTarget({ STRESS_ENABLED: 'false' });
    browser = await launchChromium();
    opened = await openPage(browser, target.url, { locale: 'en-US' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await target?.stop();
  });

  it('API info reports stress switched off', async () => {
    const response = await fetch(target.url, { headers: { Accept: 'application/json' } });
    const info = (await response.json()) as { stress_enabled?: unknown };
    expect(info.stress_enabled).toBe(false);
  });

  it('disables the button with an explanation', async () => {
    const { page } = opened;
    const status = page.locator('#stress-status');
    await status.filter({ hasText: 'The stress test is switched off on this server (STRESS_ENABLED=false)' }).waitFor();
    expect(await page.getByRole('button', { name: 'Start the stress test' }).isDisabled()).toBe(true);
    expect(await page.getByLabel(/^Duration in seconds/).isDisabled()).toBe(true);
    expect(await page.getByLabel(/^Intensity/).isDisabled()).toBe(true);
  });

  it('translates the explanation into Spanish', async () => {
    const { page } = opened;
    await page.getByLabel('Language').selectOption('es');
    const status = page.locator('#stress-status');
    await status.filter({ hasText: 'La prueba de estrés está desactivada en este servidor (STRESS_ENABLED=false)' }).waitFor();
    expect(await page.getByRole('button', { name: 'Iniciar la prueba de estrés' }).isDisabled()).toBe(true);
  });

  it('logs no console error', () => {
    expect(unexpectedErrors(opened.errors, [])).toEqual([]);
  });
});
