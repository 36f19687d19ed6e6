// The whole way from the start page to a closed case, in Debian's Chromium against the real API,
// worker, Temporal, Postgres, SMTP and identity provider, found by accessible names only: a new person
// logs in with BankID, creates an account registering a new organisation, an administrator verifies it
// in the back office, the person (now local administrator) gives themself the right to order, submits
// a SITHS order (four rows filled, one removed, a bad personnummer caught by the error summary first),
// sees the receipt, opens Visa detaljer, downloads the PDF; a handler answers and asks for more; the
// bell shows it; the person answers; the handler closes it; the case is under Avslutade ärenden.
// The same journey runs once more with JavaScript turned off in the customer's browser.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { upsertStaff } from '../../db/people.js';
import { ensureAdminBuilt } from '../../scripts/build-admin.js';
import { organisationsnummer, personnummer } from '../../scripts/sample-cases.js';
import { type Harness, startHarness } from '../helpers/harness.js';
import { launchChromium, screenshot } from './browser.js';

let h: Harness;
let browser: Browser;
let staffPage: Page;
const admin = { personnummer: personnummer('19700601', 300 + (Date.now() % 600)), name: 'Ada Journeyadmin' };

beforeAll(async () => {
  await ensureAdminBuilt(() => {});
  h = await startHarness();
  await upsertStaff(h.db, { name: admin.name, email: `ada.journey.${Date.now()}@kundportal.local`, role: 'admin' }, { cipher: h.cipher, personnummer: admin.personnummer });
  browser = await launchChromium();
  staffPage = await newPage(true);
  await staffPage.goto(`${h.baseUrl}/admin/`);
  await staffPage.getByRole('button', { name: 'Logga in' }).click();
  await logInAtProvider(staffPage, admin);
  await staffPage.waitForURL(`${h.baseUrl}/admin/**`);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

async function newPage(javaScriptEnabled: boolean) {
  const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', viewport: { width: 1400, height: 900 }, javaScriptEnabled, acceptDownloads: true });
  return context.newPage();
}

async function logInAtProvider(page: Page, who: { personnummer: string; name: string }) {
  await page.getByLabel('BankID').check();
  await page.getByLabel('Personnummer').fill(who.personnummer);
  await page.getByLabel('Namn').fill(who.name);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
}

/** The back office: the page has loaded its data and shows no spinner. */
async function settled() {
  await staffPage.waitForLoadState('networkidle');
  await expect.poll(() => staffPage.getByRole('progressbar').count()).toBe(0);
}

async function openMenu(label: string) {
  await staffPage.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('menuitem', { name: new RegExp(`^${label}`) }).click();
  await settled();
}

/** The queue is opened from the menu; the case itself by its address, since the list's debounced search
 * can still rewrite the address after a row was clicked (the queues' search has its own test). */
async function openStaffCase(queue: string, caseNumber: string) {
  await openMenu(queue);
  await staffPage.goto(`${h.baseUrl}/admin/cases/${encodeURIComponent(caseNumber)}/show`);
  await staffPage.getByRole('heading', { name: new RegExp(`${caseNumber}(?!\\d)`) }).waitFor();
}

const staffStatus = (status: string) => staffPage.getByRole('main').getByText(status, { exact: true }).first();

/** What the handler did has reached Postgres; then the case page is read afresh (a loaded machine may
 * leave the open page behind the 202 the action answered with). */
async function landed(caseNumber: string, status: string, eventCount: number) {
  const state = async () => {
    const row = await h.db.selectFrom('cases').select('status').where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
    const events = await h.db.selectFrom('case_events').innerJoin('cases', 'cases.id', 'case_events.caseId').select((eb) => eb.fn.countAll<string>().as('n')).where('cases.caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
    return `${row.status}/${Number(events.n) >= eventCount}`;
  };
  await expect.poll(state, { timeout: 60_000 }).toBe(`${status}/true`);
  await staffPage.reload();
  await staffPage.getByRole('heading', { name: new RegExp(`${caseNumber}(?!\\d)`) }).waitFor();
  await staffPage.waitForLoadState('networkidle');
}

/** A handler's action; a loaded machine may re-render the case page under an open dialog, so the
 * steps before sending are tried again (sending itself is never repeated). */
async function staffAct(button: string, field?: { label: string; text: string; submit: string }) {
  await settled();
  for (let attempt = 1; ; attempt++) {
    try {
      await staffPage.getByRole('group', { name: 'Åtgärder' }).getByRole('button', { name: button, exact: true }).click({ timeout: 15_000 });
      if (!field) return;
      const dialog = staffPage.getByRole('dialog');
      await dialog.getByLabel(field.label).fill(field.text, { timeout: 10_000 });
      await dialog.getByRole('button', { name: field.submit }).click({ timeout: 10_000 });
      await dialog.waitFor({ state: 'hidden' });
      return;
    } catch (err) {
      await screenshot(staffPage, `resa-handlaggare-forsok-${attempt}`);
      if (attempt === 3) throw err;
      await staffPage.keyboard.press('Escape');
      await settled();
    }
  }
}

const SITHS_ROWS = [
  { name: 'Signe Sandberg', birth: '19850412' },
  { name: 'Tage Törnqvist', birth: '19790923' },
  { name: 'Ulla Ödman', birth: '19910105' },
  { name: 'Vera Westberg', birth: '19880730' },
];

async function journey(js: boolean) {
  const prefix = js ? 'resa' : 'resa-utan-js';
  const tag = `${Date.now() % 1_000_000}`;
  const person = { personnummer: personnummer('19900228', 100 + Math.floor(Math.random() * 800)), name: js ? 'Karin Nyberg' : 'Kalle Nyberg' };
  const organisationName = `Region Journeyby ${tag}`;
  const page = await newPage(js);
  const banner = page.getByRole('banner');
  const main = page.getByRole('main');

  // 1. Start page, BankID at the local identity provider, Skapa nytt konto with a new organisation.
  await page.goto(`${h.baseUrl}/`);
  await page.getByRole('link', { name: 'Logga in med BankID' }).click();
  await logInAtProvider(page, person);
  // No account yet: the choice page, then Skapa nytt konto.
  await page.waitForURL(`${h.baseUrl}/valj-konto`);
  await page.getByRole('link', { name: 'Skapa nytt konto' }).click();
  await page.waitForURL(`${h.baseUrl}/skapa-konto`);
  await page.getByLabel('Organisationsnummer').fill(organisationsnummer(`264${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`, Math.floor(Math.random() * 1000)));
  await page.getByLabel('Organisationsnamn').fill(organisationName);
  await page.getByLabel('Enhetens namn').fill('Vårdcentralen Journeyby');
  await page.getByLabel('E-postadress').fill(`karin.${tag}@exempel.se`);
  await page.getByLabel('Jag bekräftar att uppgifterna är korrekta').check();
  await page.getByRole('button', { name: 'Skicka' }).click();
  await page.waitForURL(`${h.baseUrl}/mina-sidor?konto=ny-organisation`);
  await page.getByText('Organisationen är registrerad och granskas av oss').waitFor();
  await screenshot(page, `${prefix}-1-konto-skapat`);

  // 2. An administrator verifies the organisation in the back office.
  // Opened by its address: the list's search is not what this test is about.
  const { id: organisationId } = await h.db.selectFrom('organisations').select('id').where('name', '=', organisationName).executeTakeFirstOrThrow();
  await staffPage.goto(`${h.baseUrl}/admin/organisations/${organisationId}/show`);
  await staffPage.getByRole('heading', { level: 2, name: organisationName }).waitFor();
  await settled();
  await staffPage.getByRole('button', { name: 'Verifiera organisationen' }).click();
  await staffPage.getByRole('dialog').getByRole('button', { name: 'Verifiera' }).click();
  await staffPage.getByText('Organisationen är verifierad.').waitFor();

  // 3. Now local administrator, the person gives themself the right to order on Min organisation.
  await page.goto(`${h.baseUrl}/mina-sidor`);
  await page.getByRole('navigation', { name: 'Mina sidor' }).getByRole('link', { name: 'Min organisation' }).click();
  await page.getByRole('button', { name: new RegExp(`^Ge rätt att beställa\\W+${person.name}\\W*$`) }).click();
  await expect.poll(() => page.getByRole('button', { name: new RegExp(`^Ta bort rätt att beställa\\W+${person.name}\\W*$`) }).count()).toBe(1);

  // 4. Beskriv ärendet: a SITHS order, four rows filled, the second removed, a bad personnummer first.
  await page.getByRole('navigation', { name: 'Mina sidor' }).getByRole('link', { name: 'Mina ärenden' }).click();
  await page.getByRole('link', { name: 'Skicka in nytt ärende' }).click();
  await page.getByRole('radio', { name: 'Beställning av SITHS-kort' }).check();
  await page.getByRole('button', { name: 'Fortsätt' }).click();
  const rows = page.getByRole('group', { name: 'SITHS-kort som beställs' });
  for (const [i, row] of SITHS_ROWS.entries()) {
    const n = i + 1;
    if (n > 1) {
      await rows.getByRole('button', { name: 'Lägg till ny rad' }).click();
      await rows.getByLabel(new RegExp(`^För- och efternamn, rad ${n}`)).waitFor();
    }
    await rows.getByLabel(new RegExp(`^För- och efternamn, rad ${n}`)).fill(row.name);
    // Row 3 gets a personnummer whose check digit is wrong.
    const pnr = personnummer(row.birth, 200 + n);
    await rows.getByLabel(new RegExp(`^Personnummer, rad ${n}`)).fill(n === 3 ? `${pnr.slice(0, 11)}${(Number(pnr[11]) + 1) % 10}` : pnr);
    await rows.getByLabel(new RegExp(`^E-postadress, rad ${n}`)).fill(`${row.name.split(' ')[0]!.toLowerCase()}.${tag}@exempel.se`);
    await rows.getByLabel(new RegExp(`^Vilket kortutlämningskontor ska SITHS-kortet hämtas ut på\\?, rad ${n}`)).selectOption({ index: 1 });
  }
  expect(await rows.getByRole('row').count()).toBe(5);
  await rows.getByRole('button', { name: /^Ta bort rad 2$/ }).click();
  await expect.poll(() => rows.getByRole('row').count()).toBe(4);
  expect(await rows.getByLabel(/^För- och efternamn, rad 2/).inputValue()).toBe('Ulla Ödman');
  await screenshot(page, `${prefix}-2-bestallning`);

  await page.getByRole('button', { name: 'Skicka in ärendet' }).click();
  await page.getByRole('heading', { name: '1 uppgift behöver rättas' }).waitFor();
  await screenshot(page, `${prefix}-3-bestallning-fel`);
  await page.getByRole('link', { name: /personnummer/i }).click();
  const bad = rows.getByLabel(/^Personnummer, rad 2/);
  expect(await bad.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
  await bad.fill(personnummer(SITHS_ROWS[2]!.birth, 203));
  await page.getByRole('button', { name: 'Skicka in ärendet' }).click();

  // 5. The receipt, Visa detaljer and the PDF.
  await page.getByRole('heading', { level: 1, name: /Ditt ärende är nu inskickat/ }).waitFor();
  const caseNumber = (await main.getByRole('definition').first().innerText()).trim();
  expect(caseNumber).toMatch(/^KP-\d{4}-\d{5,}$/);
  await screenshot(page, `${prefix}-4-kvitto`);
  const saved = await h.db.selectFrom('cases').select(['type']).where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
  expect(saved.type).toBe('siths_order');
  await page.getByRole('link', { name: 'Visa detaljer' }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(`${caseNumber}(?!\d)`) }).waitFor();
  const cards = main.getByRole('table', { name: 'SITHS-kort som beställs' });
  for (const name of ['Signe Sandberg', 'Ulla Ödman', 'Vera Westberg']) await cards.getByRole('cell', { name }).waitFor();
  expect(await cards.getByRole('cell', { name: 'Tage Törnqvist' }).count()).toBe(0);
  const [download] = await Promise.all([page.waitForEvent('download'), main.getByRole('link', { name: 'Ladda ner som PDF' }).click()]);
  expect(download.suggestedFilename()).toBe(`${caseNumber}.pdf`);
  expect((await readFile((await download.path())!)).subarray(0, 5).toString()).toBe('%PDF-');

  // 6. The handler takes it, answers, and asks for more.
  await openStaffCase('Nya', caseNumber);
  await staffAct('Ta ärendet');
  await landed(caseNumber, 'in_progress', 2);
  await staffStatus('Under behandling').waitFor();
  await staffAct('Svara kunden', { label: 'Meddelande till kund', text: 'Tack, vi har tagit emot beställningen.', submit: 'Skicka svaret' });
  await landed(caseNumber, 'in_progress', 3);
  await staffPage.getByText('Tack, vi har tagit emot beställningen.').waitFor();
  const question = 'Vilken enhet arbetar Vera Westberg på?';
  await staffAct('Begär komplettering', { label: 'Vad behövs?', text: question, submit: 'Skicka begäran' });
  await landed(caseNumber, 'awaiting_customer', 4);
  await staffStatus('Väntar på kund').waitFor();

  // 7. The bell shows it; the person answers from the highlighted request.
  await page.goto(`${h.baseUrl}/mina-sidor`);
  const bell = banner.getByRole('link', { name: /^Notiser \([1-9]\d* olästa?\)$/ });
  await bell.click();
  await main.getByText(caseNumber).first().waitFor();
  await screenshot(page, `${prefix}-5-notiser`);
  await page.goto(`${h.baseUrl}/mina-sidor`);
  const ongoing = page.getByRole('region', { name: 'Pågående ärenden' });
  await ongoing.getByRole('row').filter({ has: page.getByRole('link', { name: caseNumber }) }).getByText('Väntar på dig').waitFor();
  await ongoing.getByRole('link', { name: caseNumber }).click();
  await main.getByText(question).first().waitFor();
  await page.getByRole('link', { name: 'Svara på frågan' }).click();
  await page.getByLabel(/^Meddelande till handläggaren/).fill('Vera Westberg arbetar på Vårdcentralen Journeyby.');
  await page.getByRole('button', { name: 'Skicka meddelandet' }).click();
  await page.getByText(/Ditt meddelande är (skickat|mottaget)/).waitFor();
  await screenshot(page, `${prefix}-6-svarat`);

  // 8. The handler sees the answer and closes the case; it is under Avslutade ärenden.
  await openStaffCase('Mina ärenden', caseNumber);
  await staffPage.getByText('Vera Westberg arbetar på Vårdcentralen Journeyby.').waitFor();
  await staffStatus('Under behandling').waitFor();
  await staffAct('Avsluta', { label: 'Lösning', text: 'Korten är beställda.', submit: 'Avsluta ärendet' });
  await landed(caseNumber, 'closed', 6);
  await staffStatus('Avslutat').waitFor();
  await page.goto(`${h.baseUrl}/mina-sidor`);
  await page.getByRole('region', { name: 'Avslutade ärenden' }).getByRole('link', { name: caseNumber }).waitFor();
  expect(await page.getByRole('region', { name: 'Pågående ärenden' }).getByRole('link', { name: caseNumber }).count()).toBe(0);
  await screenshot(page, `${prefix}-7-avslutat`);

  const finalRow = await h.db.selectFrom('cases').select(['status', 'resolution']).where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
  expect(finalRow).toEqual({ status: 'closed', resolution: 'Korten är beställda.' });
  await page.context().close();
}

it('a new person goes from the start page to a closed SITHS order', async () => {
  await journey(true);
}, 300_000);

it('the same journey with JavaScript turned off', async () => {
  await journey(false);
}, 300_000);
