import { describeWithChromium } from '../../../test/support/requirements';
import { unexpectedErrors } from './support/browser';
import { usePageSession } from './support/page-session';

describeWithChromium()('page visit form', () => {
  const session = usePageSession();

  it('registers a visit and shows the higher total', async () => {
    const { page } = session.opened;
    const before = Number(await page.locator('#total-visits').textContent());

    await page.getByLabel('Name').fill('Ana García');
    await page.getByLabel('Email').fill('ana@example.com');
    await page.getByLabel('Company').fill('Contoso');
    await page.getByLabel('Purpose of the visit').fill('Watching the scale-out');
    await page.getByRole('button', { name: 'Register visit' }).click();

    await page.locator('#visit-status').filter({ hasText: 'registered by instance web-test-0' }).waitFor();
    await page.locator('#total-visits').filter({ hasText: new RegExp(`^${before + 1}$`) }).waitFor();
    const row = page.locator('#recent-visits tr').first();
    await row.filter({ hasText: 'Ana García' }).waitFor();
    expect(await row.textContent()).toContain('Contoso');
    expect(await row.textContent()).toContain('web-test-0');
    expect(await page.getByLabel('Name').inputValue()).toBe('');
  });

  it('shows the field error of an invalid email', async () => {
    const { page } = session.opened;
    const email = page.getByLabel('Email');

    await email.fill('not-an-email');
    await page.getByRole('button', { name: 'Register visit' }).click();

    const error = page.locator('#visit-email-error');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toContain('Rejected by the server:');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#visit-status').textContent()).toBe('The server rejected the visit. Check the marked fields.');
    expect(await page.locator('#visit-name-error').isVisible()).toBe(false);
    // Focus moves to the first rejected field, so a keyboard user lands on it.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('visit-email');
  });

  it('clears the field error after a valid visit', async () => {
    const { page } = session.opened;
    await page.getByLabel('Email').fill('ana@example.com');
    await page.getByRole('button', { name: 'Register visit' }).click();

    // The error clears as the request leaves, so wait for the response too: the next test counts visits.
    await page.locator('#visit-status').filter({ hasText: /^Visit \d+ registered/ }).waitFor();
    expect(await page.locator('#visit-email-error').isVisible()).toBe(false);
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBeNull();
  });

  it('works with the keyboard alone', async () => {
    const { page } = session.opened;
    const focusedId = (): Promise<string | undefined> => page.evaluate(() => document.activeElement?.id);
    await page.reload();
    await page.locator('#total-visits').filter({ hasText: /\d/ }).waitFor();
    const before = Number(await page.locator('#total-visits').textContent());

    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('language');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('visit-name');
    await page.keyboard.type('Luis');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('visit-email');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('visit-company');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('visit-purpose');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('visit-submit');
    await page.keyboard.press('Enter');

    await page.locator('#total-visits').filter({ hasText: new RegExp(`^${before + 1}$`) }).waitFor();
    await page.locator('#recent-visits tr').first().filter({ hasText: 'Luis' }).waitFor();
  });

  it('logs no console error but the provoked 400', () => {
    expect(unexpectedErrors(session.opened.errors, [{ status: 400, path: '/api/visit' }])).toEqual([]);
  });
});
