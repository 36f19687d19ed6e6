// The case page's actions and Mina uppgifter in Debian's Chromium against the real API, worker,
// Temporal, Postgres and identity provider: an e-mail's case link opened while logged out leads
// through the login to the case; the handler's question stands at the top with a link to the reply
// form; the PDF downloads; the case is withdrawn through its confirmation step; Mina uppgifter is
// changed after a mistake. axe-core's WCAG 2.1 A and AA rules pass on each page at desktop and phone
// width (screenshots in test-results/screenshots); the same flow runs again with JavaScript turned off.
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sithsOrder } from '../../scripts/sample-cases.js';
import { type Harness, startHarness } from '../helpers/harness.js';
import { loginableCustomer } from '../helpers/portal-customer.js';
import { checkBothWidths, launchChromium, newPortalPage } from './browser.js';

let h: Harness;
let browser: Browser;
let asa: Awaited<ReturnType<typeof loginableCustomer>>;


beforeAll(async () => {
  h = await startHarness();
  asa = await loginableCustomer(h, '19790423');
  browser = await launchChromium();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

const newPage = (o: BrowserContextOptions = {}) => newPortalPage(browser, o);

const check = (page: Page, name: string, o: { axe: boolean }) => checkBothWidths(page, `portal-${name}`, o);

const caseStatus = async (caseNumber: string) =>
  (await h.db.selectFrom('cases').select('status').where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow()).status;

/** A SITHS order on which the handler has asked a question, as Postgres shows it. */
async function caseWithQuestion(questionText: string) {
  const submitted = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: sithsOrder(h.customerEmail, 2) });
  expect(submitted.status).toBe(201);
  const caseNumber: string = submitted.json.caseNumber;
  const asked = await h.staffAction(caseNumber, 'request-info', { body: questionText });
  expect([200, 202]).toContain(asked.status);
  await expect.poll(() => caseStatus(caseNumber), { timeout: 30_000 }).toBe('awaiting_customer');
  return caseNumber;
}

/** Opens `path` logged out and logs in with BankID at the identity provider, which leads back to it. */
async function logInAt(page: Page, path: string) {
  await page.goto(`${h.baseUrl}${path}`);
  await page.getByLabel('BankID').check();
  await page.getByLabel('Personnummer').fill(asa.personnummer);
  await page.getByLabel('Namn').fill(asa.name);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await page.waitForURL(`${h.baseUrl}${path}`);
}

async function caseActionsFlow(page: Page, o: { axe: boolean; prefix: string }) {
  const look = (name: string) => check(page, `case-actions-${o.prefix}${name}`, o);
  const questionText = `Vilket kortkontor ska Person Ärlig 2 hämta sitt kort på? (${o.prefix || 'med js'})`;
  const caseNumber = await caseWithQuestion(questionText);
  const casePath = `/mina-sidor/arenden/${caseNumber}`;

  // The e-mail's "Visa ärendet" link, opened while logged out: the login, then the case itself.
  await logInAt(page, casePath);
  await page.getByRole('heading', { level: 1, name: new RegExp(caseNumber) }).waitFor();

  // The question at the top, quoted, with the way to answer it.
  const request = page.getByRole('region', { name: 'Handläggaren behöver mer information från dig' });
  await request.getByText(questionText).waitFor();
  await look('fraga');
  await request.getByRole('link', { name: 'Svara på frågan' }).click();
  expect(page.url()).toBe(`${h.baseUrl}${casePath}#falt-body`);
  if (o.axe) expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).toBe('falt-body');

  // The PDF, from the page itself.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Ladda ner som PDF' }).click()]);
  expect(download.suggestedFilename()).toBe(`${caseNumber}.pdf`);
  const pdf = await download.createReadStream();
  const head = await new Promise<string>((resolve, reject) => {
    pdf.once('data', (chunk: Buffer) => resolve(chunk.subarray(0, 5).toString('latin1')));
    pdf.once('error', reject);
  });
  pdf.destroy();
  expect(head).toBe('%PDF-');

  // Withdrawing: the confirmation step first; Avbryt changes nothing.
  await page.getByRole('link', { name: 'Återkalla ärendet' }).click();
  await page.waitForURL(`${h.baseUrl}${casePath}/aterkalla`);
  await page.getByRole('heading', { level: 1, name: `Vill du återkalla ärende ${caseNumber}?` }).waitFor();
  await page.getByText('Du kan inte öppna ärendet igen själv.').waitFor();
  await look('aterkalla');
  await page.getByRole('link', { name: 'Avbryt' }).click();
  await page.waitForURL(`${h.baseUrl}${casePath}`);
  expect(await caseStatus(caseNumber)).toBe('awaiting_customer');

  await page.getByRole('link', { name: 'Återkalla ärendet' }).click();
  await page.getByLabel(/^Varför återkallar du ärendet\?/).fill('Vi har hittat korten.');
  await page.getByRole('button', { name: 'Ja, återkalla ärendet' }).click();
  await page.waitForURL(new RegExp(`${casePath}\\?aterkallat=(ja|snart)$`));
  await page.getByRole('status').getByText(/Ärendet är återkallat och avslutat\.|Din återkallelse är mottagen och syns här om en liten stund\./).waitFor();
  await expect.poll(() => caseStatus(caseNumber), { timeout: 30_000 }).toBe('closed');
  await page.goto(`${h.baseUrl}${casePath}`);
  await page.getByText('Du återkallade ärendet').waitFor();
  await page.getByText('Återkallat av kunden: Vi har hittat korten.').waitFor();
  expect(await page.getByRole('link', { name: 'Återkalla ärendet' }).count()).toBe(0);
  expect(await page.getByRole('region', { name: 'Handläggaren behöver mer information från dig' }).count()).toBe(0);
  await look('aterkallat');
  await page.getByRole('banner').getByRole('button', { name: 'Logga ut' }).click();
  await page.getByText('Du är utloggad.').waitFor();
}

async function myDetailsFlow(page: Page, o: { axe: boolean; prefix: string }) {
  const look = (name: string) => check(page, `case-actions-${o.prefix}${name}`, o);
  await logInAt(page, '/mina-sidor');
  await page.getByRole('navigation', { name: 'Mina sidor' }).getByRole('link', { name: 'Mina uppgifter' }).click();
  await page.waitForURL(`${h.baseUrl}/mina-sidor/uppgifter`);
  await page.getByRole('heading', { level: 1, name: 'Mina uppgifter' }).waitFor();
  await page.getByText(`${asa.personnummer.slice(0, 8)}-****`).waitFor();
  expect(await page.getByText(asa.personnummer.slice(8)).count()).toBe(0);
  expect(await page.getByLabel(/^E-postadress/).inputValue()).toBe(h.customerEmail);
  expect(await page.getByLabel('Jag vill bli notifierad via e-post').isChecked()).toBe(true);
  await look('uppgifter');

  // A mistake first: the summary names it, the title counts it, what was typed stays.
  await page.getByLabel(/^E-postadress/).fill('inte-en-adress');
  await page.getByLabel(/^Enhetens namn/).fill('Vårdcentralen Öby');
  await page.getByRole('button', { name: 'Spara uppgifter' }).click();
  await page.getByRole('heading', { name: '1 uppgift behöver rättas' }).waitFor();
  expect(await page.title()).toBe('Fel: 1 uppgift behöver rättas – Mina uppgifter – Kundportal');
  expect(await page.getByLabel(/^E-postadress/).inputValue()).toBe('inte-en-adress');
  expect(await page.getByLabel(/^Enhetens namn/).inputValue()).toBe('Vårdcentralen Öby');
  await look('uppgifter-fel');
  await page.getByRole('link', { name: 'Ogiltig e-postadress' }).click();

  const email = `asa.${o.prefix || 'js-'}${Date.now()}@exempel.se`;
  await page.getByLabel(/^E-postadress/).fill(email);
  await page.getByLabel('Jag vill bli notifierad via e-post').uncheck();
  await page.getByRole('button', { name: 'Spara uppgifter' }).click();
  await page.waitForURL(`${h.baseUrl}/mina-sidor/uppgifter?sparat=ja`);
  await page.getByRole('status').getByText('Dina uppgifter är sparade.').waitFor();
  expect(await page.getByLabel('Jag vill bli notifierad via e-post').isChecked()).toBe(false);
  await look('uppgifter-sparade');
  const saved = await h.db
    .selectFrom('customer_accounts as a')
    .leftJoin('units as u', 'u.id', 'a.unitId')
    .select(['a.email', 'a.notifyByEmail', 'u.name as unitName'])
    .where('a.id', '=', h.accountId)
    .executeTakeFirstOrThrow();
  expect(saved).toEqual({ email, notifyByEmail: false, unitName: 'Vårdcentralen Öby' });

  // Back as it was, for the next run.
  await page.getByLabel(/^E-postadress/).fill(h.customerEmail);
  await page.getByLabel('Jag vill bli notifierad via e-post').check();
  await page.getByRole('button', { name: 'Spara uppgifter' }).click();
  await page.waitForURL(`${h.baseUrl}/mina-sidor/uppgifter?sparat=ja`);
  await page.getByRole('banner').getByRole('button', { name: 'Logga ut' }).click();
  await page.getByText('Du är utloggad.').waitFor();
}

// Each axe run takes seconds on a busy machine: the flows get more time than a unit test.
const FLOW_TIMEOUT = 180_000;

it('from an e-mail link a customer logs in, sees the question, downloads the PDF and withdraws the case', async () => {
  await caseActionsFlow(await newPage(), { axe: true, prefix: '' });
}, FLOW_TIMEOUT);

it('a customer changes Mina uppgifter after a mistake', async () => {
  await myDetailsFlow(await newPage(), { axe: true, prefix: '' });
}, FLOW_TIMEOUT);

it('both work with JavaScript turned off', async () => {
  await caseActionsFlow(await newPage({ javaScriptEnabled: false }), { axe: false, prefix: 'utan-js-' });
  await myDetailsFlow(await newPage({ javaScriptEnabled: false }), { axe: false, prefix: 'utan-js-' });
}, FLOW_TIMEOUT);
