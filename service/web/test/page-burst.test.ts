import type { Browser } from 'playwright-core';
import { describeWithChromium } from '../../../test/support/requirements';
import { launchChromium, openPage, type WatchedPage } from './support/browser';
import { startTarget, type Target } from './support/target';

describeWithChromium()('page concurrent visits', () => {
  let target: Target;
  let browser: Browser;
  let opened: WatchedPage;

  beforeAll(async () => {
    target = await startTarget();
    browser = await launchChromium();
    opened = await openPage(browser, target.url, { locale: 'en-US' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await target?.stop();
  });

  it('reports the instances that answered 50 visits', async () => {
    const { page } = opened;
    await page.getByRole('button', { name: 'Send 50 concurrent visits' }).click();

    const status = page.locator('#burst-status');
    await status.filter({ hasText: 'answered by' }).waitFor({ timeout: 30_000 });
    expect(await status.textContent()).toBe('50 of 50 visits registered, answered by 1 instance: web-test-0 (50).');
    expect(await page.locator('#burst-instances li').count()).toBe(1);
    await page.locator('#total-visits').filter({ hasText: /^50$/ }).waitFor();
    const bar = page.locator('#instance-bars tr').filter({ hasText: 'web-test-0' });
    await bar.filter({ hasText: '100.0 %' }).waitFor();
    expect(await bar.locator('time').textContent()).toMatch(/^(now|\d+ sec\. ago)$/);
  });

  it('logs no console error', () => {
    expect(opened.errors).toEqual([]);
  });
});
