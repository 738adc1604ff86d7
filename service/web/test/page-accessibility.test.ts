import type { Browser, Page } from 'playwright-core';
import { describeWithChromium } from '../../../test/support/requirements';
import { launchChromium, openPage, type WatchedPage } from './support/browser';
import { startTarget, type Target } from './support/target';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core in the page and returns the serious and critical violations, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run();
    return result.violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

describeWithChromium()('page accessibility', () => {
  let target: Target;
  let browser: Browser;
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    target = await startTarget();
    // Two visits, so the tables and the chart have rows to check.
    for (const name of ['Ana', 'Luis']) {
      const response = await fetch(`${target.url}/api/visit`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name, company: 'Contoso' }),
      });
      expect(response.status).toBe(201);
    }
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await target?.stop();
  });

  // The Content-Security-Policy would block the injected axe-core script, so only these contexts bypass it.
  // Polling stops, so that no refresh replaces nodes while axe-core checks them.
  it.each(['en-US', 'es-ES'])('has no serious violation in %s', async (locale) => {
    const watched = await openPage(browser, target.url, { locale, bypassCSP: true, stopPolling: true });
    opened.push(watched);
    await watched.page.locator('#recent-visits tr').nth(1).waitFor();
    await watched.page.locator('#metrics-source').filter({ hasText: /web-test-0/ }).waitFor();

    expect(await seriousViolations(watched.page)).toEqual([]);
  });

  it('has no serious violation with a field error shown', async () => {
    const { page } = opened[0];
    await page.locator('#visit-email').fill('not-an-email');
    await page.locator('#visit-submit').click();
    await page.locator('#visit-email-error').waitFor({ state: 'visible' });

    expect(await seriousViolations(page)).toEqual([]);
  });
});
