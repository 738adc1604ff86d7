import type { Browser } from 'playwright-core';
import { launchChromium, openPage, type WatchedPage } from './browser';
import { startTarget, type Target } from './target';

/** The service under test, the browser and one open page, shared by the tests of a file. */
export interface PageSession {
  target: Target;
  browser: Browser;
  opened: WatchedPage;
}

/**
 * Registers jest hooks that start the service with `env`, launch Chromium and
 * open the page in English before the file's tests, and close both after them.
 * The returned object is filled in by the time the first test runs.
 */
export function usePageSession(env: Record<string, string> = {}): PageSession {
  const session = {} as PageSession;

  beforeAll(async () => {
    session.target = await startTarget(env);
    session.browser = await launchChromium();
    session.opened = await openPage(session.browser, session.target.url, { locale: 'en-US' });
  }, 120_000);

  afterAll(async () => {
    await session.browser?.close();
    await session.target?.stop();
  });

  return session;
}
