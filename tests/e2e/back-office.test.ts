// A handler's day in the back office, in a real browser against the real API, worker, Temporal and
// Postgres: log in with e-legitimation, take a new SITHS order from Nya, answer, ask for more, see the
// customer's reply arrive, close it, find it under Avslutade. Screenshots of every queue and the case
// page go to test-results/screenshots; every page is checked with axe-core.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { upsertStaff } from '../../db/people.js';
import { ensureAdminBuilt } from '../../scripts/build-admin.js';
import { personnummer, sithsOrder } from '../../scripts/sample-cases.js';
import { type Harness, startHarness } from '../helpers/harness.js';
import { expectAccessible, launchChromium, screenshot } from './browser.js';

let h: Harness;
let browser: Browser;
let page: Page;
const handler = { personnummer: personnummer('19791102', 300 + (Date.now() % 600)), name: 'Hanna E2E' };

beforeAll(async () => {
  await ensureAdminBuilt(() => {});
  h = await startHarness();
  await upsertStaff(h.db, { name: handler.name, email: `hanna.e2e.${Date.now()}@kundportal.local`, role: 'handler' }, { cipher: h.cipher, personnummer: handler.personnummer });
  await h.db.updateTable('customer_accounts').set({ canOrder: true, updatedAt: new Date() }).where('id', '=', h.accountId).execute();
  browser = await launchChromium();
  page = await (await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', viewport: { width: 1400, height: 900 }, bypassCSP: true /* lets axe-core be injected */ })).newPage();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

const statusOnPage = (status: string) => page.getByRole('main').getByText(status, { exact: true }).first();

/** The page has finished loading: no request under way and no spinner ("Laddar") left. */
async function settled() {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.getByRole('progressbar').count()).toBe(0);
}

async function openQueue(label: string, file: string, path: string) {
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('menuitem', { name: new RegExp(`^${label}`) }).click();
  await page.waitForURL(`**/admin/queues/${path}**`);
  await settled();
  await screenshot(page, file);
  await expectAccessible(page, file);
}

async function act(button: string, field?: { label: string; text: string; submit: string }) {
  await page.getByRole('group', { name: 'Åtgärder' }).getByRole('button', { name: button, exact: true }).click();
  if (field) {
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(field.label).fill(field.text);
    await dialog.getByRole('button', { name: field.submit }).click();
    await dialog.waitFor({ state: 'hidden' });
  }
}

it('a handler takes a new SITHS order from Nya, answers, asks for more, sees the reply, closes it', async () => {
  const submitted = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: sithsOrder(h.customerEmail, 2) });
  expect(submitted.status).toBe(201);
  const { caseNumber } = submitted.json;

  // Log in: the back office's login page, then the identity provider's.
  await page.goto(`${h.baseUrl}/admin/`);
  await page.getByRole('button', { name: 'Logga in' }).waitFor();
  await screenshot(page, 'login');
  await expectAccessible(page, 'login');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByLabel('BankID').check();
  await page.getByLabel('Personnummer').fill(handler.personnummer);
  await page.getByLabel('Namn').fill(handler.name);
  await expectAccessible(page, 'identity provider');
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await page.waitForURL(`${h.baseUrl}/admin/**`);

  await openQueue('Nya', 'queue-nya', 'new');
  // Nya lists the oldest first; other test files leave new cases too, so find this one by its number.
  await page.getByRole('textbox', { name: 'Sök ärendenummer, rubrik eller organisation' }).fill(caseNumber);
  await page.getByRole('cell', { name: caseNumber }).click();
  await page.getByRole('heading', { name: new RegExp(caseNumber) }).waitFor();
  await expect.poll(() => page.getByText('Person Ärlig 1').count()).toBeGreaterThan(0);
  await screenshot(page, 'case-inskickat');
  await expectAccessible(page, 'case page');

  await act('Ta ärendet');
  await statusOnPage('Under behandling').waitFor();
  await act('Svara kunden', { label: 'Meddelande till kund', text: 'Tack! Vi har tagit emot beställningen.', submit: 'Skicka svaret' });
  await page.getByText('Tack! Vi har tagit emot beställningen.').waitFor();
  await act('Begär komplettering', { label: 'Vad behövs?', text: 'Vilket kortkontor ska Person Ärlig 2 hämta ut på?', submit: 'Skicka begäran' });
  await statusOnPage('Väntar på kund').waitFor();
  await openQueue('Väntar på kund', 'queue-vantar-pa-kund', 'awaiting');

  // The customer answers through the API; the handler sees it arrive on the case page.
  const reply = await h.api('POST', `/api/v1/cases/${caseNumber}/messages`, { token: h.customerToken, body: { body: 'Kortkontoret City, tack.' } });
  expect(reply.json.statusLabel).toBe('Under behandling');
  await openQueue('Mina ärenden', 'queue-mina-arenden', 'mine');
  await page.getByRole('cell', { name: caseNumber }).click();
  await page.getByText('Kortkontoret City, tack.').waitFor();
  await statusOnPage('Under behandling').waitFor();
  await screenshot(page, 'case-page');

  await act('Avsluta', { label: 'Lösning', text: 'Korten är beställda och kan hämtas på Kortkontoret City.', submit: 'Avsluta ärendet' });
  await statusOnPage('Avslutat').waitFor();
  await expectAccessible(page, 'closed case page');

  await openQueue('Alla öppna', 'queue-alla-oppna', 'open');
  await openQueue('Avslutade', 'queue-avslutade', 'closed');
  await page.getByRole('textbox', { name: 'Sök ärendenummer, rubrik eller organisation' }).fill(caseNumber);
  await page.getByRole('cell', { name: caseNumber }).waitFor();

  const row = await h.db.selectFrom('cases').select(['status', 'resolution']).where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
  expect(row).toEqual({ status: 'closed', resolution: 'Korten är beställda och kan hämtas på Kortkontoret City.' });
});

it('organisations, customer accounts and staff pages render and are accessible', async () => {
  for (const [menu, file] of [
    ['Organisationer', 'organisations'],
    ['Kundkonton', 'accounts'],
    ['Handläggare', 'staff'],
  ] as const) {
    // The list's own page of data, asked for after the click: earlier rows may still be on screen.
    const listed = page.waitForResponse((r) => r.url().includes(`/api/admin/${file}?`) && r.ok());
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('menuitem', { name: menu }).click();
    await page.waitForURL(`**/admin/${file}**`);
    await listed;
    await settled();
    await expect.poll(() => page.getByRole('row').count()).toBeGreaterThan(1);
    await screenshot(page, file);
    await expectAccessible(page, file);
    await page.getByRole('row').nth(1).click();
    await page.waitForURL(`**/admin/${file}/**`);
    await settled();
    await screenshot(page, `${file}-show`);
    await expectAccessible(page, `${file} show page`);
  }
});
