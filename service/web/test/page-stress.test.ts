import { describeWithChromium } from '../../../test/support/requirements';
import { unexpectedErrors } from './support/browser';
import { usePageSession } from './support/page-session';

/** Waits until a stress job occupies the only worker, so that the page's request finds it busy. */
async function waitForStressJob(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const metrics = (await (await fetch(`${url}/api/metrics`)).json()) as { worker_pool?: { runningStressJobs?: number } };
    if ((metrics.worker_pool?.runningStressJobs ?? 0) >= 1) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no stress job started at ${url} within 30 s`);
}

describeWithChromium()('page stress control', () => {
  // One worker thread, so a single stress job already fills the pool.
  const session = usePageSession({ WORKER_THREADS: '1' });

  it('shows progress and the result of a run', async () => {
    const { page } = session.opened;
    // Long enough that the checks below run before the job ends, even on a loaded machine.
    await page.getByLabel(/^Duration in seconds/).fill('5');
    await page.getByLabel(/^Intensity/).fill('50');
    await page.getByRole('button', { name: 'Start the stress test' }).click();

    await page.locator('#stress-progress-text').filter({ hasText: /^Running on the server: \d s of 5 s\.$/ }).waitFor();
    expect(await page.locator('#stress-progress').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Start the stress test' }).isDisabled()).toBe(true);

    const status = page.locator('#stress-status');
    await status.filter({ hasText: /^Finished on instance web-test-0: [\d,]+ operations in \d\.\d s\.$/ }).waitFor({ timeout: 30_000 });
    const operations = Number((await status.textContent())?.match(/: ([\d,]+) operations/)?.[1].replace(/,/g, ''));
    expect(operations).toBeGreaterThan(0);
    expect(await page.locator('#stress-progress').getAttribute('value')).toBe('100');
    expect(await page.getByRole('button', { name: 'Start the stress test' }).isEnabled()).toBe(true);
  });

  it('shows a 429 plainly while every worker is busy', async () => {
    const { page } = session.opened;
    const busy = fetch(`${session.target.url}/api/stress?duration=10&intensity=10`, { method: 'POST' });
    await waitForStressJob(session.target.url);

    await page.getByLabel(/^Duration in seconds/).fill('1');
    await page.getByRole('button', { name: 'Start the stress test' }).click();

    const status = page.locator('#stress-status');
    await status.filter({ hasText: '429 Too Many Requests' }).waitFor();
    expect(await status.textContent()).toMatch(/Try again in \d+ s\.$/);
    expect(await status.getAttribute('class')).toContain('error');
    expect((await busy).status).toBe(200);
  });

  it('logs no console error but the provoked 429', () => {
    expect(unexpectedErrors(session.opened.errors, [{ status: 429, path: '/api/stress' }])).toEqual([]);
  });
});
