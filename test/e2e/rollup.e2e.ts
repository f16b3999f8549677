import { readFileSync } from 'node:fs';
import { fromProject } from '../../config/paths';
import { parseOrganisationFile } from '../../db/org-file';
import { loadOrganisation } from '../../db/queries/load-organisation';
import { eventually } from '../support/http';
import { OFFICE } from '../support/people';
import type { TestStack } from '../support/test-stack';
import { itHasNoAccessibilityViolations, PHONE } from './support/browser';
import { startBrowserRun, type BrowserRun } from './support/run';
import { assignTask, shanghaiDate } from './support/stack';

/** A city over the example district (issue 17): its office lands on the roll-up, a district's office does not. */
describe("the higher level's roll-up in the workspace", () => {
  let run: BrowserRun;
  let t: TestStack;

  beforeAll(async () => {
    run = await startBrowserRun();
    t = run.t;
    const city = readFileSync(fromProject('examples/city.yaml'), 'utf8');
    await loadOrganisation(t.db.pool, parseOrganisationFile(city, 'city.yaml'), 'city');
    const example = parseOrganisationFile(readFileSync(fromProject('examples/organisation.yaml'), 'utf8'), 'd.yaml');
    await loadOrganisation(t.db.pool, { ...example, parentId: 'city' }, 'district-under-city');
    const office = await t.as(OFFICE);
    await assignTask(office, { title: '开展作风建设专项检查', leadUnitId: 'town-dongguan', dueDate: shanghaiDate(30) });
    const cityOffice = await t.as('p-city-office');
    await eventually(async () =>
      (await cityOffice('GET', '/v1/rollup')).body.items?.[0]?.open === 1 ? true : undefined,
    );
  }, 180_000);

  afterAll(() => run?.close(), 60_000);

  it("lands the city's office on a table of its districts' figures, in the menu, with no way into a district", async () => {
    const page = await run.signIn('p-city-office');
    const row = page.locator('[data-testid="rollup-table"] tr[data-org="district"]');
    await row.waitFor();

    expect(new URL(page.url()).pathname).toBe('/rollup');
    expect(await page.locator('.mainnav').getByRole('link', { name: '下级汇总' }).count()).toBe(1);
    expect(await row.textContent()).toContain('合溪区纪委监委');
    expect(await row.locator('[data-testid="rollup-open"]').textContent()).toBe('1');
    expect(await row.locator('a').count()).toBe(0);
  });

  it('shows each district as a card on a phone, without scrolling sideways', async () => {
    const page = await run.signIn('p-city-office', PHONE.width);
    await page.locator('tr[data-org="district"]').waitFor();

    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
  });

  it("keeps a district's office on its own home, with no roll-up in its menu", async () => {
    const page = await run.signIn(OFFICE);
    await page.waitForURL((url) => url.pathname === '/office');

    expect(await page.locator('.mainnav').getByRole('link', { name: '下级汇总' }).count()).toBe(0);
  });

  itHasNoAccessibilityViolations(2);
});
