import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { projectRoot } from '../../../config/paths';

/** Where the tests leave the screenshots the README shows. */
export const SCREENSHOTS = path.join(projectRoot, 'docs', 'screenshots');

/**
 * Debian's Chromium, headless. As root it needs --no-sandbox; this machine's network is closed, so Chromium's own
 * background connections (updates, sync, QUIC probes) are switched off rather than left to fail.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** A fresh browser profile (its own cookies) at desktop width, Chinese, in Asia/Shanghai. */
export function newContext(browser: Browser, width = 1280): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width, height: 860 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 1,
  });
}

/** Signs in through the sign-in form with a person's API token, and waits for the signed-in frame. */
export async function signInWithToken(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('访问令牌').fill(token);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '退出登录' }).waitFor();
}

/** Saves a full-page screenshot as docs/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
