import type { Page } from 'playwright-core';
import { fromProject } from '../../../config/paths';

/** A serious or critical axe-core violation on a page: the rule, its impact, and the elements at fault. */
export interface Violation {
  url: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

const AXE = fromProject('node_modules/axe-core/axe.min.js');

/**
 * Each page's axe runs, one after another: axe-core refuses a run while another is under way ("Axe is already
 * running").
 */
const runs = new WeakMap<Page, Promise<unknown>>();

/** The paths (with their query) each page was checked at, by a test's own check or by its watcher. */
const checkedPaths = new WeakMap<Page, Set<string>>();

/**
 * Runs axe-core on the page as it is now (injected once per document) and answers its serious and critical
 * violations. The page is first given a moment to finish loading (no 「正在加载…」 left in the main region). A test's
 * own check and the watcher's check of the same page (`watchAccessibility`, after each navigation) take turns.
 */
export function axeCheck(page: Page): Promise<Violation[]> {
  const run = (runs.get(page) ?? Promise.resolve()).catch(() => undefined).then(() => checkNow(page));
  runs.set(page, run);
  return run;
}

async function checkNow(page: Page): Promise<Violation[]> {
  await page
    .waitForFunction(`!document.querySelector('main')?.textContent?.includes('正在加载')`, undefined, {
      timeout: 5_000,
    })
    .catch(() => undefined);
  if (!(await page.evaluate<boolean>(`'axe' in window`))) await page.addScriptTag({ path: AXE });
  const { pathname: url, search } = new URL(page.url());
  const results = await page.evaluate<AxeResults>(`axe.run(document)`);
  const checked = checkedPaths.get(page) ?? new Set<string>();
  checkedPaths.set(page, checked.add(url + search));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      url,
      rule: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
}

interface AxeResults {
  violations: { id: string; impact?: string; help: string; nodes: { target: string[] }[] }[];
}

/**
 * Checks every page a test's browser page shows: after each navigation (a full load or the workspace's own route
 * change) settles, axe-core runs on it and its serious and critical violations are kept. `pages()` answers the
 * paths checked, `violations()` what was found; a test asserts there is none.
 */
export function watchAccessibility(page: Page) {
  const found: Violation[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(async () => {
        if (page.isClosed()) return;
        try {
          for (const v of await axeCheck(page)) found.push(v);
        } catch {
          // The page moved on (or closed) while being checked: its next navigation is checked instead.
        }
      });
    }, 400);
  };
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) schedule();
  });
  page.on('load', schedule);
  return {
    /** Waits for the checks under way, and checks the page as it is now too. */
    async settle(): Promise<void> {
      clearTimeout(timer);
      await running;
      if (!page.isClosed()) found.push(...((await axeCheck(page).catch(() => undefined)) ?? []));
    },
    /** Every path the page was checked at: by the watcher, or by the test's own `axeCheck`. */
    pages: () => [...(checkedPaths.get(page) ?? [])],
    violations: () => found,
  };
}
