// Beskriv ärendet in Debian's Chromium against the real API, worker, Temporal, Postgres and identity
// provider. From Mina sidor a customer orders SITHS cards for three people by keyboard alone (Tab,
// arrows, Space, Enter and typing; no clicks): four rows made with "Lägg till ny rad" and one taken
// away with its "Ta bort", a bad personnummer first, which the error summary catches (focus on the
// summary, its link to the field), then fixed and sent with Enter; the receipt follows. The same with
// JavaScript turned off, where the row buttons send the form. Every state passes axe-core's WCAG 2.1 A
// and AA rules at desktop and phone width (the empty form, each type's form, the form with errors,
// the rows made in place, the receipt), with screenshots in test-results/screenshots.
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CaseSubmission } from '../../domain/index.js';
import { personnummer } from '../../scripts/sample-cases.js';
import { type Harness, startHarness } from '../helpers/harness.js';
import { loginableCustomer } from '../helpers/portal-customer.js';
import { checkBothWidths, launchChromium, newPortalPage } from './browser.js';

let h: Harness;
let browser: Browser;
let asa: Awaited<ReturnType<typeof loginableCustomer>>;

const TYPES = ['question', 'fault_report', 'improvement', 'order', 'siths_order', 'other'];

beforeAll(async () => {
  h = await startHarness();
  asa = await loginableCustomer(h, '19880212');
  browser = await launchChromium();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

const newPage = (o: BrowserContextOptions = {}) => newPortalPage(browser, o);

const check = (page: Page, name: string, o: { axe: boolean }) => checkBothWidths(page, `portal-nytt-arende-${name}`, { ...o, noSidewaysScroll: true });

const isFocused = (target: Locator) => target.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement);
const focusedId = (page: Page) => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id);

/** Tab (or another key) until `target` has focus; a keyboard user's way there, bounded so a trap fails. */
async function keyTo(page: Page, target: Locator, key = 'Tab', most = 80) {
  for (let i = 0; i < most; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} ${most} times never reached ${String(target)}`);
}

async function typeInto(page: Page, target: Locator, text: string) {
  await keyTo(page, target);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  expect(await target.inputValue()).toBe(text);
}

interface Card {
  name: string;
  personnummer: string;
  email: string;
  office?: string;
}

/** One SITHS row, field by field in tab order: what a keyboard user types into it. */
async function fillRow(page: Page, n: number, card: Card) {
  await typeInto(page, page.getByLabel(`För- och efternamn, rad ${n}`), card.name);
  await typeInto(page, page.getByLabel(`Personnummer, rad ${n}`), card.personnummer);
  await typeInto(page, page.getByLabel(`E-postadress, rad ${n}`), card.email);
  if (card.office) {
    const office = page.getByLabel(`Vilket kortutlämningskontor ska SITHS-kortet hämtas ut på?, rad ${n}`);
    await keyTo(page, office);
    await page.keyboard.type(card.office); // a closed select chooses by the letters typed
    expect(await office.inputValue()).toMatch(new RegExp(`^${card.office}`));
  } else {
    const own = page.getByLabel(`Eget kortkontor, rad ${n}`);
    await keyTo(page, own);
    await page.keyboard.press('Space');
    expect(await own.isChecked()).toBe(true);
  }
}

async function logIn(page: Page) {
  await page.goto(`${h.baseUrl}/auth/login?returnTo=%2Fmina-sidor`);
  await page.getByLabel('BankID').check();
  await page.getByLabel('Personnummer').fill(asa.personnummer);
  await page.getByLabel('Namn').fill(asa.name);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await page.waitForURL(`${h.baseUrl}/mina-sidor`);
}

const invalid = (pnr: string) => pnr.slice(0, 11) + String((Number(pnr[11]) + 1) % 10);

async function sithsOrderByKeyboard(page: Page, o: { js: boolean; prefix: string }) {
  const look = (name: string) => check(page, `${o.prefix}${name}`, { axe: o.js });
  const serial = 400 + Math.floor(Math.random() * 400);
  const cards: Card[] = [
    { name: 'Anna Andersson', personnummer: personnummer('19900101', serial), email: 'anna@exempel.se', office: 'Stockholm' },
    { name: 'Bo Berg', personnummer: personnummer('19910202', serial), email: 'bo@exempel.se' },
    { name: 'Ska Bort', personnummer: personnummer('19920303', serial), email: 'bort@exempel.se', office: 'Malm' },
    { name: 'Cecilia Ceder', personnummer: personnummer('19930404', serial), email: 'cecilia@exempel.se', office: 'G' },
  ];
  await logIn(page);

  // From Mina sidor to the first step, then "Beställning av SITHS-kort" with the arrow keys.
  await keyTo(page, page.getByRole('link', { name: 'Skicka in nytt ärende' }));
  await page.keyboard.press('Enter');
  await page.waitForURL(`${h.baseUrl}/mina-sidor/nytt-arende`);
  await page.getByRole('group', { name: 'Vad gäller ärendet?' }).waitFor();
  await look('tom');
  await keyTo(page, page.getByRole('radio', { name: 'Fråga' }));
  await keyTo(page, page.getByRole('radio', { name: 'Beställning av SITHS-kort' }), 'ArrowDown', 10);
  await keyTo(page, page.getByRole('button', { name: 'Fortsätt' }));
  await page.keyboard.press('Enter');
  await page.waitForURL(/\?typ=siths_order$/);
  await page.getByRole('heading', { level: 2, name: 'Beställning av SITHS-kort' }).waitFor();

  // Row 1 with a mistake in the personnummer, then three more rows, each from "Lägg till ny rad".
  await fillRow(page, 1, { ...cards[0]!, personnummer: invalid(cards[0]!.personnummer) });
  for (const [i, card] of cards.slice(1).entries()) {
    const n = i + 2;
    await keyTo(page, page.getByRole('button', { name: 'Lägg till ny rad' }));
    await page.keyboard.press('Enter');
    if (!o.js) await page.waitForLoadState('load');
    await expect.poll(() => focusedId(page)).toBe(`falt-rows.${n - 1}.name`);
    await expect.poll(() => page.getByRole('status').filter({ hasText: `Rad ${n} är tillagd.` }).count()).toBe(1);
    await fillRow(page, n, card);
  }
  expect(await page.locator('tbody tr[data-row]').count()).toBe(4);

  // Take row 3 away: the fourth becomes the third, and focus lands on its first field.
  await keyTo(page, page.getByRole('button', { name: 'Ta bort rad 3' }));
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Rad 3 är borttagen. 3 rader kvar.' }).count()).toBe(1);
  await expect.poll(() => focusedId(page)).toBe('falt-rows.2.name');
  expect(await page.getByLabel('För- och efternamn, rad 3').inputValue()).toBe('Cecilia Ceder');
  expect(await page.getByLabel('För- och efternamn, rad 2').inputValue()).toBe('Bo Berg');
  expect(await page.getByLabel('Eget kortkontor, rad 2').isChecked()).toBe(true);
  expect(await page.getByLabel('För- och efternamn, rad 4').count()).toBe(0);
  expect(await page.locator('tbody tr[data-row]').count()).toBe(3);
  await look('tre-rader');

  // Sent: the error summary has focus and its link leads to the field.
  await keyTo(page, page.getByRole('button', { name: 'Skicka in ärendet' }));
  await page.keyboard.press('Enter');
  const summary = page.getByRole('heading', { name: '1 uppgift behöver rättas' });
  await summary.waitFor();
  expect(await page.title()).toBe('Fel: 1 uppgift behöver rättas – Beskriv ärendet – Beställning av SITHS-kort – Kundportal');
  expect(await focusedId(page)).toBe('felsammanfattning');
  expect(await page.getByLabel('För- och efternamn, rad 3').inputValue()).toBe('Cecilia Ceder');
  expect(await page.getByLabel('Personnummer, rad 1').inputValue()).toBe(invalid(cards[0]!.personnummer));
  await look('fel');
  const link = page.getByRole('link', { name: 'Rad 1: Ogiltigt personnummer' });
  await keyTo(page, link);
  await page.keyboard.press('Enter');
  await expect.poll(() => focusedId(page)).toBe('falt-rows.0.personnummer');

  // Fixed where the link left focus, then sent with Enter from the field itself.
  await page.keyboard.press('Control+A');
  await page.keyboard.type(cards[0]!.personnummer);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/mina-sidor\/arenden\/KP-\d{4}-\d{5}\/kvitto$/);
  await page.getByRole('heading', { level: 1, name: 'Ditt ärende är nu inskickat.' }).waitFor();
  await page.getByText('Inkomna ärenden hanteras helgfria vardagar mellan 09:00–16:00.').waitFor();
  const caseNumber = /KP-\d{4}-\d{5}/.exec(page.url())![0];
  await page.getByText(caseNumber, { exact: true }).waitFor();
  expect(await page.getByRole('link', { name: 'Visa detaljer' }).getAttribute('href')).toBe(`/mina-sidor/arenden/${caseNumber}`);
  expect(await page.getByRole('link', { name: 'Ladda ner som PDF' }).getAttribute('href')).toBe(`/mina-sidor/arenden/${caseNumber}/pdf`);
  await look('kvitto');

  const row = await h.db.selectFrom('cases').select('payload').where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
  const stored = h.cipher.openSubmission(row.payload) as CaseSubmission;
  expect(stored.type).toBe('siths_order');
  if (stored.type !== 'siths_order') return;
  expect(stored.rows.map((r) => [r.name, r.personnummer, r.pickupOffice ?? 'eget'])).toEqual([
    ['Anna Andersson', cards[0]!.personnummer, 'Stockholm – Kortkontoret City'],
    ['Bo Berg', cards[1]!.personnummer, 'eget'],
    ['Cecilia Ceder', cards[3]!.personnummer, 'Göteborg – Kortkontoret Centrum'],
  ]);
}

it('a SITHS order of three rows by keyboard alone, with the rows made in place', async () => {
  await sithsOrderByKeyboard(await newPage(), { js: true, prefix: '' });
}, 240_000);

it('the same with JavaScript turned off, the row buttons sending the form', async () => {
  await sithsOrderByKeyboard(await newPage({ javaScriptEnabled: false }), { js: false, prefix: 'utan-js-' });
}, 240_000);

it('each type’s form passes axe at desktop and phone width', async () => {
  const page = await newPage();
  await logIn(page);
  for (const type of TYPES) {
    await page.goto(`${h.baseUrl}/mina-sidor/nytt-arende?typ=${type}`);
    await page.getByRole('button', { name: 'Skicka in ärendet' }).waitFor();
    await check(page, `typ-${type}`, { axe: true });
  }
  // A free-text type with every error at once.
  await page.goto(`${h.baseUrl}/mina-sidor/nytt-arende?typ=question`);
  await page.getByLabel(/^Namn/).fill('');
  await page.getByLabel(/^E-postadress/).fill('fel@');
  await page.getByRole('button', { name: 'Skicka in ärendet' }).click();
  await page.getByRole('heading', { name: '4 uppgifter behöver rättas' }).waitFor();
  await check(page, 'typ-question-fel', { axe: true });

  // Errors in two SITHS rows, then the first row taken away in place: the summary follows the rows.
  await page.goto(`${h.baseUrl}/mina-sidor/nytt-arende?typ=siths_order`);
  await page.getByLabel('För- och efternamn, rad 1').fill('Fel Nummer');
  await page.getByLabel('Personnummer, rad 1').fill(invalid(personnummer('19900101', 123)));
  await page.getByLabel('E-postadress, rad 1').fill('fel.nummer@exempel.se');
  await page.getByLabel('Eget kortkontor, rad 1').check();
  await page.getByRole('button', { name: 'Lägg till ny rad' }).click();
  await page.getByLabel('För- och efternamn, rad 2').fill('Fel Adress');
  await page.getByLabel('Personnummer, rad 2').fill(personnummer('19900101', 124));
  await page.getByLabel('E-postadress, rad 2').fill('fel@');
  await page.getByLabel('Eget kortkontor, rad 2').check();
  await page.getByRole('button', { name: 'Skicka in ärendet' }).click();
  await page.getByRole('heading', { name: '2 uppgifter behöver rättas' }).waitFor();
  await page.getByRole('link', { name: 'Rad 1: Ogiltigt personnummer' }).waitFor();
  await page.getByRole('button', { name: 'Ta bort rad 1' }).click();
  await page.getByRole('heading', { name: '1 uppgift behöver rättas' }).waitFor();
  expect(await page.getByRole('link', { name: 'Rad 1: Ogiltig e-postadress' }).getAttribute('href')).toBe('#falt-rows.0.email');
  expect(await page.getByRole('link', { name: /Ogiltigt personnummer/ }).count()).toBe(0);
  expect(await page.title()).toBe('Fel: 1 uppgift behöver rättas – Beskriv ärendet – Beställning av SITHS-kort – Kundportal');
  expect(await page.getByLabel('E-postadress, rad 1').inputValue()).toBe('fel@');
  await check(page, 'fel-rad-borttagen', { axe: true });
}, 300_000);
