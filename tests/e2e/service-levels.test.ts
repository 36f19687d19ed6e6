// Service levels in the back office, in a real browser against the real API, worker, Temporal and
// Postgres: an administrator changes a case type's targets and sees the history; a case past its first
// response target shows up in Försenade with its time over; the case page shows both clocks. Every page
// is checked against WCAG 2.1 A and AA with axe-core; screenshots go to test-results/screenshots.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { upsertStaff } from '../../db/people.js';
import { DEFAULT_SERVICE_LEVEL_TARGETS } from '../../domain/service-levels.js';
import { ensureAdminBuilt } from '../../scripts/build-admin.js';
import { personnummer, question } from '../../scripts/sample-cases.js';
import { type Harness, startHarness } from '../helpers/harness.js';
import { expectWcag21AA, launchChromium, screenshot } from './browser.js';

let h: Harness;
let browser: Browser;
let page: Page;
const admin = { personnummer: personnummer('19700412', 400 + (Date.now() % 500)), name: 'Ada E2E' };
let overdueCase = '';

beforeAll(async () => {
  await ensureAdminBuilt(() => {});
  h = await startHarness(); // open around the clock: the case below is overdue a minute after submission
  await upsertStaff(h.db, { name: admin.name, email: `ada.e2e.${Date.now()}@kundportal.local`, role: 'admin' }, { cipher: h.cipher, personnummer: admin.personnummer });
  // One business minute to the first response for "Förbättringsförslag", then a case of that type.
  await h.db.insertInto('service_level_targets').values({ caseType: 'improvement', ...DEFAULT_SERVICE_LEVEL_TARGETS.improvement, firstResponseMinutes: 1 }).execute();
  const submitted = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: { ...question(h.customerEmail), type: 'improvement', subject: 'Förslag om inloggning' } });
  expect(submitted.status).toBe(201);
  overdueCase = submitted.json.caseNumber;
  browser = await launchChromium();
  page = await (await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', viewport: { width: 1400, height: 900 }, bypassCSP: true })).newPage();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  // Other test files share the database: "Förbättringsförslag" back on its defaults, the case closed.
  await h?.db.insertInto('service_level_targets').values({ caseType: 'improvement', ...DEFAULT_SERVICE_LEVEL_TARGETS.improvement }).execute();
  if (overdueCase) await h?.staffAction(overdueCase, 'close', { resolution: 'Testet är klart.' });
  await h?.stop();
});

/** The page has finished loading: no request under way and no spinner left. */
async function settled() {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.getByRole('progressbar').count(), { timeout: 20_000 }).toBe(0);
}

const menu = () => page.getByRole('navigation', { name: 'Huvudmeny' });

it('an administrator changes the targets of a case type and sees its history', async () => {
  await page.goto(`${h.baseUrl}/admin/`);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByLabel('BankID').check();
  await page.getByLabel('Personnummer').fill(admin.personnummer);
  await page.getByLabel('Namn').fill(admin.name);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await page.waitForURL(`${h.baseUrl}/admin/**`);

  await menu().getByRole('menuitem', { name: 'Servicenivåer' }).click();
  await page.waitForURL('**/admin/service-levels');
  await settled();
  await page.getByRole('cell', { name: 'Felanmälan' }).waitFor();
  await screenshot(page, 'service-levels');
  await expectWcag21AA(page, 'service levels');

  await page.getByRole('cell', { name: 'Felanmälan' }).click();
  await page.getByRole('heading', { name: 'Felanmälan', exact: true }).waitFor();
  await settled();
  await expectWcag21AA(page, 'service level of a case type');
  await page.getByRole('link', { name: 'Ändra' }).click();
  const first = page.getByRole('spinbutton', { name: /Tid till första svar/ });
  await first.waitFor();
  await settled();
  await screenshot(page, 'service-levels-edit');
  await expectWcag21AA(page, 'service level form');

  // The server's rule between fields comes back to the field.
  await page.getByRole('spinbutton', { name: /Påminnelse till kunden/ }).fill('5');
  await page.getByRole('spinbutton', { name: /Stängs automatiskt/ }).fill('4');
  await page.getByRole('button', { name: 'Spara' }).click();
  await page.getByText(/stängas först efter påminnelsen/).waitFor();
  await expectWcag21AA(page, 'service level form with an error');

  await first.fill('90');
  await page.getByRole('spinbutton', { name: /Stängs automatiskt/ }).fill('0');
  await page.getByRole('button', { name: 'Spara' }).click();
  await page.waitForURL('**/admin/service-levels/fault_report/show');
  const history = page.getByRole('region', { name: 'Historik' });
  await history.getByRole('cell', { name: admin.name }).waitFor();
  await expect.poll(() => history.getByRole('row').count()).toBeGreaterThanOrEqual(3);
  await screenshot(page, 'service-levels-history');
  await expectWcag21AA(page, 'service level history');

  const saved = await h.db.selectFrom('service_level_targets').selectAll().where('caseType', '=', 'fault_report').orderBy('id', 'desc').executeTakeFirstOrThrow();
  expect(saved).toMatchObject({ firstResponseMinutes: 90, reminderAfterDays: 5, autoCloseAfterDays: 0 });
  // Leave the defaults for the test files after this one.
  await h.db.insertInto('service_level_targets').values({ caseType: 'fault_report', ...DEFAULT_SERVICE_LEVEL_TARGETS.fault_report }).execute();
}, 180_000);

it('a case past its first response target is in Försenade, and its page shows both clocks', async () => {
  // Other test files leave cases too: find this one by its number. Overdue a minute after its
  // submission; the list reads Postgres, so load the queue again until it is there.
  const search = encodeURIComponent(JSON.stringify({ q: overdueCase }));
  await expect
    .poll(
      async () => {
        await page.goto(`${h.baseUrl}/admin/queues/overdue?filter=${search}`);
        await settled();
        return page.getByRole('cell', { name: overdueCase }).count();
      },
      { timeout: 120_000, interval: 5_000 },
    )
    .toBe(1);
  await expect.poll(() => menu().getByRole('menuitem', { name: /^Försenade [1-9]/ }).count()).toBe(1);
  const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: overdueCase }) });
  await expect.poll(() => row.getByText(/^Försenat /).count()).toBe(1);
  await expect.poll(() => row.getByText('Första svar').count()).toBe(1);
  await screenshot(page, 'queue-forsenade');
  await expectWcag21AA(page, 'queue Försenade');

  await page.getByRole('cell', { name: overdueCase }).click();
  const clocks = page.getByRole('region', { name: 'Servicenivå' });
  await clocks.waitFor();
  await settled();
  await expect.poll(() => clocks.getByText(/^Försenat /).count()).toBe(1);
  await expect.poll(() => clocks.getByText(/ kvar$/).count()).toBe(1);
  await screenshot(page, 'case-service-levels');
  await expectWcag21AA(page, 'case page with clocks');
}, 240_000);
