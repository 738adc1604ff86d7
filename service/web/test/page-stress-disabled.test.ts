import { describeWithChromium } from '../../../test/support/requirements';
import { unexpectedErrors } from './support/browser';
import { usePageSession } from './support/page-session';

describeWithChromium()('page stress control switched off', () => {
  const session = usePageSession({ STRESS_ENABLED: 'false' });

  it('API info reports stress switched off', async () => {
    const response = await fetch(session.target.url, { headers: { Accept: 'application/json' } });
    const info = (await response.json()) as { stress_enabled?: unknown };
    expect(info.stress_enabled).toBe(false);
  });

  it('disables the button with an explanation', async () => {
    const { page } = session.opened;
    const status = page.locator('#stress-status');
    await status.filter({ hasText: 'The stress test is switched off on this server (STRESS_ENABLED=false)' }).waitFor();
    expect(await page.getByRole('button', { name: 'Start the stress test' }).isDisabled()).toBe(true);
    expect(await page.getByLabel(/^Duration in seconds/).isDisabled()).toBe(true);
    expect(await page.getByLabel(/^Intensity/).isDisabled()).toBe(true);
  });

  it('translates the explanation into Spanish', async () => {
    const { page } = session.opened;
    await page.getByLabel('Language').selectOption('es');
    const status = page.locator('#stress-status');
    await status.filter({ hasText: 'La prueba de estrés está desactivada en este servidor (STRESS_ENABLED=false)' }).waitFor();
    expect(await page.getByRole('button', { name: 'Iniciar la prueba de estrés' }).isDisabled()).toBe(true);
  });

  it('logs no console error', () => {
    expect(unexpectedErrors(session.opened.errors, [])).toEqual([]);
  });
});
