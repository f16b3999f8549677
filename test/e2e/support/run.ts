import type { Browser, Page } from 'playwright-core';
import { issueToken } from '../../../db/queries/tokens';
import type { apiClient } from '../../support/http';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { launchChromium, newContext, signInWithToken } from './browser';

/** A person's API client, as `t.as(personId)` answers it. */
export type Client = ReturnType<typeof apiClient>;

/** One browser test file's world: a test stack and Chromium, started together and closed together. */
export interface BrowserRun {
  t: TestStack;
  browser: Browser;
  /** A page signed in as `personId` (with an API token), in a browser profile of its own, `width` pixels wide. */
  signIn(personId: string, width?: number): Promise<Page>;
  /** Closes Chromium (and every profile in it), then stops the stack. */
  close(): Promise<void>;
}

export async function startBrowserRun(): Promise<BrowserRun> {
  const [t, browser] = await Promise.all([startTestStack(), launchChromium()]);
  return {
    t,
    browser,
    async signIn(personId, width = 1280) {
      const page = await (await newContext(browser, width)).newPage();
      await signInWithToken(page, t.stack.apiUrl, (await issueToken(t.db.pool, personId)).token);
      return page;
    },
    async close() {
      await browser.close();
      await t.stop();
    },
  };
}
