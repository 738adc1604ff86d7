/**
 * Starts Debian's Chromium through playwright-core for the page tests, and
 * records every console error and uncaught exception of the pages it opens.
 */
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { findChromium } from '../../../../test/support/requirements';

// Headless, and nothing that would reach the network on its own (updates, sync, field trials).
const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error('Chromium not found: apt-get install chromium, or set CHROMIUM_PATH');
  }
  return chromium.launch({ executablePath, args: chromiumArgs });
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions, in order. */
  errors: string[];
}

export interface OpenOptions extends BrowserContextOptions {
  /**
   * Installs Playwright's fake clock before the page loads, so that the
   * polling timers never fire and the page changes only through the test.
   */
  stopPolling?: boolean;
}

/** Opens `url` in a new context and collects its console errors. */
export async function openPage(browser: Browser, url: string, options: OpenOptions = {}): Promise<WatchedPage> {
  const { stopPolling, ...contextOptions } = options;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  if (stopPolling) {
    await page.clock.install();
  }
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      errors.push(`console: ${message.text()} (${message.location().url})`);
    }
  });
  page.on('pageerror', (error) => errors.push(`exception: ${error.message}`));
  await page.goto(url);
  // The first refresh has landed once the total shows a number.
  await page.locator('#total-visits').filter({ hasText: /\d/ }).waitFor();
  return { page, context, errors };
}

/**
 * Drops Chromium's own "Failed to load resource" lines for responses a test
 * provoked on purpose, such as a 400 for an invalid email; every other error
 * is kept.
 */
export function unexpectedErrors(errors: string[], expected: Array<{ status: number; path: string }>): string[] {
  return errors.filter(
    (line) =>
      !expected.some(
        ({ status, path }) =>
          line.includes(`the server responded with a status of ${status} `) && new RegExp(`https?://[^/]+${path}[?)]`).test(line),
      ),
  );
}
