// The customer portal in Debian's Chromium against the real API, worker, Temporal, Postgres and
// identity provider: a customer logs in with BankID from the start page, lands on Mina sidor, finds a
// case submitted through the API under Pågående ärenden, opens it and reads its fields (which reads
// its notification), marks the rest read from the bell's page, reads the Tillgänglighetsredogörelse
// and logs out. Every page passes axe-core's WCAG 2.1 A and
// AA rules at desktop and phone width, with screenshots of both in test-results/screenshots. The same
// flow runs again with JavaScript turned off.
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { organisationsnummer, personnummer, question, sithsOrder } from '../../scripts/sample-cases.js';
import { type Harness, startHarness } from '../helpers/harness.js';
import { loginableCustomer } from '../helpers/portal-customer.js';
import { checkBothWidths, launchChromium, newPortalPage } from './browser.js';

let h: Harness;
let browser: Browser;
let asa: Awaited<ReturnType<typeof loginableCustomer>>;
let caseNumber: string;


beforeAll(async () => {
  h = await startHarness();
  asa = await loginableCustomer(h, '19880212');
  const submitted = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: sithsOrder(h.customerEmail, 2) });
  expect(submitted.status).toBe(201);
  caseNumber = submitted.json.caseNumber;
  browser = await launchChromium();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

const newPage = (o: BrowserContextOptions = {}) => newPortalPage(browser, o);

const check = (page: Page, name: string, o: { axe: boolean }) => checkBothWidths(page, `portal-${name}`, o);

async function customerFlow(page: Page, o: { axe: boolean; prefix: string }) {
  const look = (name: string) => check(page, `${o.prefix}${name}`, o);
  // One more case, so a notification is still unread after the SITHS order's page has been opened.
  const asked = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: question(h.customerEmail) });
  expect(asked.status).toBe(201);
  await page.goto(`${h.baseUrl}/`);
  await page.getByRole('heading', { level: 1, name: /Kundportalen/ }).waitFor();
  await expect.poll(() => page.getByRole('banner').getByRole('link', { name: 'Logga in' }).count()).toBe(1);
  await look('start');

  // Logga in med BankID, then the local identity provider's own page.
  await page.getByRole('link', { name: 'Logga in med BankID' }).click();
  await page.getByLabel('BankID').check();
  await page.getByLabel('Personnummer').fill(asa.personnummer);
  await page.getByLabel('Namn').fill(asa.name);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await page.waitForURL(`${h.baseUrl}/mina-sidor`);

  await page.getByRole('heading', { level: 1, name: 'Mina sidor' }).waitFor();
  const banner = page.getByRole('banner');
  await banner.getByText('Åsa Öberg').waitFor();
  await banner.getByRole('link', { name: /^Notiser \(\d+ olästa?\)$/ }).waitFor();
  await banner.getByRole('button', { name: 'Logga ut' }).waitFor();
  const ongoing = page.getByRole('region', { name: 'Pågående ärenden' });
  await ongoing.getByRole('link', { name: caseNumber }).waitFor();
  const row = ongoing.getByRole('row').filter({ has: page.getByRole('link', { name: caseNumber }) });
  expect(await row.getByRole('cell').allInnerTexts()).toEqual([
    caseNumber,
    'Beställning av SITHS-kort',
    'Beställning av SITHS-kort',
    'Inskickat',
    'Handläggaren',
    expect.stringMatching(/^\d{1,2} [a-zåäö]+ \d{4} kl\. \d{2}:\d{2}$/),
  ]);
  await look('mina-sidor');

  await ongoing.getByRole('link', { name: caseNumber }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(caseNumber) }).waitFor();
  const cards = page.getByRole('table', { name: 'SITHS-kort som beställs' });
  await cards.getByRole('cell', { name: 'Person Ärlig 1' }).waitFor();
  await cards.getByRole('cell', { name: 'Person Ärlig 2' }).waitFor();
  expect(await cards.getByRole('row').count()).toBe(3);
  await page.getByRole('heading', { name: 'Ärendehistorik' }).waitFor();
  await page.getByText('Du skickade in ärendet').waitFor();
  expect(await page.getByRole('link', { name: 'Ladda ner som PDF' }).getAttribute('href')).toBe(`/mina-sidor/arenden/${caseNumber}/pdf`);
  await look('arende');

  // A message: sent empty first, the summary says so; then written and shown in the history.
  await page.getByRole('button', { name: 'Skicka meddelandet' }).click();
  await page.getByRole('heading', { name: '1 uppgift behöver rättas' }).waitFor();
  await look('arende-fel');
  await page.getByRole('link', { name: 'Skriv ett meddelande' }).click();
  const text = `Kortet hämtas av Person Ärlig 1 (${o.prefix || 'med js'}).`;
  await page.getByLabel(/^Meddelande till handläggaren/).fill(text);
  await page.getByRole('button', { name: 'Skicka meddelandet' }).click();
  await page.getByText('Ditt meddelande är skickat.').waitFor();
  await page.getByRole('listitem').filter({ hasText: 'Du skrev ett meddelande' }).getByText(text).waitFor();

  // Opening the case read its notification; the question's is still unread.
  await banner.getByRole('link', { name: 'Notiser (1 oläst)' }).click();
  await page.getByRole('heading', { level: 1, name: 'Notiser' }).waitFor();
  await page.getByText('Du har 1 oläst notis.').waitFor();
  await look('notiser');
  await page.getByRole('button', { name: 'Markera alla som lästa' }).click();
  await page.getByText('Du har inga olästa notiser.').waitFor();
  await banner.getByRole('link', { name: 'Notiser (0 olästa)' }).waitFor();

  await page.getByRole('contentinfo').getByRole('link', { name: 'Tillgänglighetsredogörelse' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tillgänglighetsredogörelse' }).waitFor();
  await page.getByText('Myndigheten för digital förvaltning (Digg)').waitFor();
  await look('tillganglighetsredogorelse');

  await banner.getByRole('button', { name: 'Logga ut' }).click();
  await page.getByText('Du är utloggad.').waitFor();
  await look('utloggad');
  await page.goto(`${h.baseUrl}/mina-sidor`);
  await page.waitForURL(/127\.0\.0\.1:\d+\/(interaction|auth)|localhost/);
  expect(page.url()).not.toBe(`${h.baseUrl}/mina-sidor`);
}

it('a customer logs in from the start page, finds the case on Mina sidor and opens it', async () => {
  await customerFlow(await newPage(), { axe: true, prefix: '' });
});

it('the same flow works with JavaScript turned off', async () => {
  await customerFlow(await newPage({ javaScriptEnabled: false }), { axe: false, prefix: 'utan-js-' });
});

/** A new person: Freja eID from the start page, Skapa nytt konto with a mistake first, then Mina sidor. */
async function newPersonFlow(page: Page, o: { axe: boolean; prefix: string }) {
  const look = (name: string) => check(page, `${o.prefix}${name}`, o);
  const pnr = personnummer('19920314', 100 + Math.floor(Math.random() * 800));
  await page.goto(`${h.baseUrl}/`);
  await page.getByRole('link', { name: 'Logga in med Freja eID' }).click();
  // The method chosen on the start page is already chosen at the identity provider.
  await page.getByLabel('Freja eID').waitFor();
  expect(await page.getByLabel('Freja eID').isChecked()).toBe(true);
  await page.getByLabel('Personnummer').fill(pnr);
  await page.getByLabel('Namn').fill('Nils Nyström');
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  // No account yet: the choice page, then Skapa nytt konto.
  await page.waitForURL(`${h.baseUrl}/valj-konto`);
  await page.getByRole('link', { name: 'Skapa nytt konto' }).click();
  await page.waitForURL(`${h.baseUrl}/skapa-konto`);
  await page.getByRole('heading', { level: 1, name: 'Skapa nytt konto' }).waitFor();
  expect(await page.getByLabel(/^Namn/).inputValue()).toBe('Nils Nyström');
  await page.getByText(`${pnr.slice(0, 8)}-${pnr.slice(8)}`).waitFor();
  await look('skapa-konto');

  // A mistake first: the summary counts and links the errors, and what was typed is kept.
  await page.getByLabel('Organisationsnummer').fill('12345');
  await page.getByLabel('E-postadress').fill(`nils.${Date.now()}@exempel.se`);
  await page.getByRole('button', { name: 'Skicka' }).click();
  const summary = page.getByRole('heading', { name: '2 uppgifter behöver rättas' });
  await summary.waitFor();
  expect(await page.title()).toBe('Fel: 2 uppgifter behöver rättas – Skapa nytt konto – Kundportal');
  if (o.axe) expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).toBe('felsammanfattning');
  expect(await page.getByLabel('Organisationsnummer').inputValue()).toBe('12345');
  await look('skapa-konto-fel');
  await page.getByRole('link', { name: /Bekräfta att uppgifterna är korrekta/ }).click();

  await page.getByLabel('Organisationsnummer').fill(organisationsnummer(String(214000 + Math.floor(Math.random() * 999))));
  await page.getByLabel('Organisationsnamn').fill('Region Nyby');
  await page.getByLabel('Enhetens namn').fill('Vårdcentralen Åby');
  await page.getByLabel('Jag bekräftar att uppgifterna är korrekta').check();
  await page.getByRole('button', { name: 'Skicka' }).click();
  await page.waitForURL(`${h.baseUrl}/mina-sidor?konto=ny-organisation`);
  await page.getByText('Organisationen är registrerad och granskas av oss').waitFor();
  await page.getByText('Du har inga pågående ärenden.').waitFor();
  await page.getByRole('banner').getByRole('link', { name: 'Notiser (0 olästa)' }).waitFor();
  await look('mina-sidor-tom');
  await page.getByRole('banner').getByRole('button', { name: 'Logga ut' }).click();
  await page.getByText('Du är utloggad.').waitFor();
}

it('a new person creates an account from the start page, with and without JavaScript', async () => {
  await newPersonFlow(await newPage(), { axe: true, prefix: '' });
  await newPersonFlow(await newPage({ javaScriptEnabled: false }), { axe: false, prefix: 'utan-js-' });
});
