import { describeWithChromium } from '../../../test/support/requirements';
import { usePageSession } from './support/page-session';

describeWithChromium()('page concurrent visits', () => {
  const session = usePageSession();

  it('reports the instances that answered 50 visits', async () => {
    const { page } = session.opened;
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
    expect(session.opened.errors).toEqual([]);
  });
});
