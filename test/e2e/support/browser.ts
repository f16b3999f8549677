import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { projectRoot } from '../../../config/paths';
import { watchAccessibility, type Violation } from './axe';

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

/** The accessibility watchers of every page opened in this test file (support/axe.ts). */
const watchers: ReturnType<typeof watchAccessibility>[] = [];

/** A phone: 390 × 844 CSS pixels, touch. */
export const PHONE = { width: 390, height: 844 };

/**
 * A fresh browser profile (its own cookies) at desktop width (or a phone's, `width` 390), Chinese, in Asia/Shanghai.
 * Every page opened in it is checked by axe-core after each page load (`accessibilityReport`).
 */
export async function newContext(browser: Browser, width = 1280): Promise<BrowserContext> {
  const phone = width <= PHONE.width;
  const context = await browser.newContext({
    viewport: phone ? PHONE : { width, height: 860 },
    ...(phone ? { isMobile: true, hasTouch: true } : {}),
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 1,
    // The workspace's Content-Security-Policy allows no injected script; axe-core is injected by the tests alone.
    bypassCSP: true,
  });
  context.on('page', (page) => watchers.push(watchAccessibility(page)));
  return context;
}

/** Every page checked so far in this file, and the serious and critical violations found (each once). */
export async function accessibilityReport(): Promise<{ pages: string[]; violations: Violation[] }> {
  await Promise.all(watchers.map((w) => w.settle()));
  const seen = new Set<string>();
  const violations = watchers
    .flatMap((w) => w.violations())
    .filter((v) => {
      const key = `${v.url} ${v.rule} ${v.targets.join(',')}`;
      return !seen.has(key) && Boolean(seen.add(key));
    });
  return { pages: [...new Set(watchers.flatMap((w) => w.pages()))], violations };
}

/**
 * The last test of an e2e file: no page it opened (at least `minPages` of them) had a serious or critical axe-core
 * violation.
 */
export function itHasNoAccessibilityViolations(minPages: number): void {
  it('has no serious or critical accessibility violations on any page it visited (axe-core)', async () => {
    const { pages, violations } = await accessibilityReport();
    expect(pages.length).toBeGreaterThanOrEqual(minPages);
    expect(violations).toEqual([]);
  }, 60_000);
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
