// "Verifiera ditt konto" in Debian's Chromium against the real API, Postgres, SMTP and identity
// provider: a person who had an account in the earlier portal (inserted here as the import leaves it,
// with an earlier closed case) logs in with BankID, chooses "Jag hade ett konto i den tidigare
// kundportalen", and gets a code by e-mail. An unknown address answers exactly like a known one; a wrong
// code, an expired code and too many tries are refused with the error summary; the right code ties
// the identity to the account, which keeps its roles, and the earlier case shows on Mina sidor only
// then. axe-core finds no violation; the same works with JavaScript turned off.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { personnummer } from '../../scripts/sample-cases.js';
import { type Harness, startHarness } from '../helpers/harness.js';
import { checkBothWidths, launchChromium, newPortalPage } from './browser.js';

let h: Harness;
let browser: Browser;

beforeAll(async () => {
  h = await startHarness();
  browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

/** An account and a closed case as the import leaves them: no personnummer yet, the case read-only. */
async function earlierAccount(tag: string) {
  const email = `tidigare.${tag}@exempel.se`;
  const account = await h.db
    .insertInto('customer_accounts')
    .values({ organisationId: h.organisationId, personnummerEnc: null, personnummerHash: null, name: 'Greta Tidigare', email, canOrder: true, isLocalAdmin: true, importedAt: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const caseNumber = `ÄR-${tag}`;
  const contact = { organisationName: 'Region Exempel', organisationsnummer: '556016-0680', personnummer: '', name: 'Greta Tidigare', email, notifyByEmail: true };
  await h.db
    .insertInto('cases')
    .values({
      caseNumber,
      year: null,
      seq: null,
      type: 'question',
      status: 'closed',
      subject: `Tidigare fråga om SITHS ${tag}`,
      payload: JSON.stringify({ type: 'question', contact, subject: `Tidigare fråga om SITHS ${tag}`, description: 'Från den tidigare kundportalen.' }),
      organisationId: h.organisationId,
      reporterId: account.id,
      resolution: 'Besvarad.',
      version: 2,
      imported: true,
      workflowStartedAt: null,
      createdAt: new Date('2023-03-14T09:00:00Z'),
      updatedAt: new Date('2023-03-20T09:00:00Z'),
      closedAt: new Date('2023-03-20T09:00:00Z'),
    })
    .execute();
  return { email, accountId: account.id, caseNumber };
}

/** The code in the `n`th e-mail to the address. */
async function codeFromMail(email: string, n: number) {
  const mails = await h.mailsTo(email, n);
  const mail = mails[n - 1]!;
  expect(mail.subject).toBe('Din kod för att verifiera ditt konto i Kundportalen');
  return /Din kod: (\d{6})/.exec(mail.text)![1]!;
}

const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

async function requestCode(page: Page, email: string) {
  await page.goto(`${h.baseUrl}/verifiera-konto`);
  await page.getByLabel(/^E-postadress i den tidigare kundportalen/).fill(email);
  await page.getByRole('button', { name: 'Skicka kod' }).click();
  await page.waitForURL(`${h.baseUrl}/verifiera-konto/kod`);
}

async function enterCode(page: Page, code: string) {
  await page.getByLabel(/^Kod/).fill(code);
  await page.getByRole('button', { name: 'Verifiera kontot' }).click();
}

async function expectCodeError(page: Page, message: string) {
  await page.getByRole('heading', { name: '1 uppgift behöver rättas' }).waitFor();
  await page.getByRole('link', { name: message }).waitFor();
  expect(await page.title()).toBe('Fel: 1 uppgift behöver rättas – Ange koden – Kundportal');
}

async function logIn(page: Page, pnr: string) {
  await page.goto(`${h.baseUrl}/`);
  await page.getByRole('link', { name: 'Logga in med BankID' }).click();
  await page.getByLabel('BankID').check();
  await page.getByLabel('Personnummer').fill(pnr);
  await page.getByLabel('Namn').fill('Greta Tidigare');
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await page.waitForURL(`${h.baseUrl}/valj-konto`);
}

const mainText = (page: Page) => page.getByRole('main').innerText();

async function verification(js: boolean) {
  const tag = `${js ? 1 : 2}${Date.now() % 100_000}`.padStart(6, '0');
  const prefix = js ? 'verifiera' : 'verifiera-utan-js';
  const earlier = await earlierAccount(tag);
  const pnr = personnummer('19760518', 100 + Math.floor(Math.random() * 800));
  const page = await newPortalPage(browser, { javaScriptEnabled: js });
  const look = (name: string) => checkBothWidths(page, `${prefix}-${name}`, { axe: js });

  // Before verification the earlier account and its case are nobody's: Mina sidor sends to the choice.
  await logIn(page, pnr);
  await page.getByRole('link', { name: 'Skapa nytt konto' }).waitFor();
  await look('valj');
  await page.goto(`${h.baseUrl}/mina-sidor`);
  await page.waitForURL(`${h.baseUrl}/valj-konto`);
  expect(await mainText(page)).not.toContain(earlier.caseNumber);
  await page.getByRole('link', { name: 'Jag hade ett konto i den tidigare kundportalen' }).click();
  await page.waitForURL(`${h.baseUrl}/verifiera-konto`);
  await look('e-post');

  // An address no earlier account has: the same page as for one that has, and no code is ever right.
  const unknown = `ingen.${tag}@exempel.se`;
  await requestCode(page, unknown);
  const unknownText = await mainText(page);
  await enterCode(page, '123456');
  await expectCodeError(page, 'Koden stämmer inte. Kontrollera koden i e-postmeddelandet och försök igen.');
  expect(h.receivedBy(unknown)).toEqual([]);

  // The earlier account's address: the code comes at once by e-mail. A wrong code first.
  await requestCode(page, earlier.email);
  expect(await mainText(page)).toBe(unknownText);
  await look('kod');
  const first = await codeFromMail(earlier.email, 1);
  await enterCode(page, otherCode(first));
  await expectCodeError(page, 'Koden stämmer inte. Kontrollera koden i e-postmeddelandet och försök igen.');
  if (js) expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).toBe('felsammanfattning');
  await look('kod-fel');

  // Expired: the right code, fifteen minutes later (moved back in Postgres), is refused.
  await h.db.updateTable('account_verification_codes').set({ expiresAt: new Date(Date.now() - 1000) }).where('personnummerHash', '=', h.cipher.hash(pnr)).execute();
  await enterCode(page, first);
  await expectCodeError(page, 'Koden har gått ut. Begär en ny kod.');

  // Too many tries: after five wrong ones even the right code is refused.
  await page.getByRole('link', { name: 'Begär en ny kod', exact: true }).click();
  await page.waitForURL(`${h.baseUrl}/verifiera-konto`);
  await requestCode(page, earlier.email);
  const second = await codeFromMail(earlier.email, 2);
  for (let i = 1; i <= 4; i++) {
    await enterCode(page, otherCode(second));
    await expectCodeError(page, 'Koden stämmer inte. Kontrollera koden i e-postmeddelandet och försök igen.');
  }
  await enterCode(page, otherCode(second));
  await expectCodeError(page, 'Du har angett fel kod för många gånger. Begär en ny kod.');
  await enterCode(page, second);
  await expectCodeError(page, 'Du har angett fel kod för många gånger. Begär en ny kod.');
  expect((await h.db.selectFrom('customer_accounts').select('personnummerHash').where('id', '=', earlier.accountId).executeTakeFirstOrThrow()).personnummerHash).toBeNull();

  // A new code, the right one: the account is the person's, with its roles and its earlier case.
  await requestCode(page, earlier.email);
  const third = await codeFromMail(earlier.email, 3);
  await enterCode(page, ` ${third.slice(0, 3)} ${third.slice(3)} `);
  await page.waitForURL(`${h.baseUrl}/mina-sidor?konto=verifierat`);
  await page.getByText('Ditt konto är verifierat.').waitFor();
  const mina = page.getByRole('main');
  await mina.getByText(earlier.caseNumber).first().waitFor();
  await page.getByRole('navigation', { name: 'Mina sidor' }).getByRole('link', { name: 'Min organisation' }).waitFor();
  await look('mina-sidor');
  const account = await h.db.selectFrom('customer_accounts').selectAll().where('id', '=', earlier.accountId).executeTakeFirstOrThrow();
  expect(account).toMatchObject({ personnummerHash: h.cipher.hash(pnr), canOrder: true, isLocalAdmin: true, email: earlier.email });
  expect(account.verifiedAt).not.toBeNull();
  expect(h.cipher.open(account.personnummerEnc!)).toBe(pnr);
  // Stored only as keyed hashes: no code in clear in Postgres; each code used at most once.
  const codes = await h.db.selectFrom('account_verification_codes').selectAll().where('personnummerHash', '=', h.cipher.hash(pnr)).execute();
  expect(codes).toHaveLength(4);
  for (const c of codes) for (const code of [first, second, third]) expect(c.codeHash).not.toContain(code);
  expect(codes.filter((c) => c.usedAt !== null)).toHaveLength(1);

  // The next login goes straight to Mina sidor as this account.
  await page.context().clearCookies();
  await page.goto(`${h.baseUrl}/`);
  await page.getByRole('link', { name: 'Logga in med BankID' }).click();
  await page.getByLabel('BankID').check();
  await page.getByLabel('Personnummer').fill(pnr);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await page.waitForURL(`${h.baseUrl}/mina-sidor`);
  await page.getByRole('main').getByText(earlier.caseNumber).first().waitFor();
  await page.context().close();
}

it('verifies an earlier account with a code sent by e-mail: wrong, expired, too many tries, then success', async () => {
  await verification(true);
}, 240_000);

it('the same works with JavaScript turned off', async () => {
  await verification(false);
}, 240_000);

it('SITHS eID logs in but may neither verify nor create: the seed explanations, and logging in again with Freja eID opens both ways', async () => {
  const page = await newPortalPage(browser);
  const pnr = personnummer('19690304', 100 + Math.floor(Math.random() * 800));
  await page.goto(`${h.baseUrl}/`);
  await page.getByText('Observera att det inte går att skapa konto med SITHS eID just nu.').waitFor();
  await page.getByRole('link', { name: 'Logga in med SITHS eID' }).click();
  expect(await page.getByLabel('SITHS eID').isChecked()).toBe(true);
  await page.getByLabel('Personnummer').fill(pnr);
  await page.getByLabel('Namn').fill('Sixten Sithsson');
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await page.waitForURL(`${h.baseUrl}/valj-konto`);
  const main = page.getByRole('main');
  await main.getByText('Just nu går det inte att verifiera konto med SITHS eID. Använd Bank-id eller Freja e-id för att verifiera ditt konto.').waitFor();
  await main.getByText('Observera att det inte går att skapa konto med SITHS eID just nu.').waitFor();
  expect(await main.getByRole('link', { name: 'Skapa nytt konto' }).count()).toBe(0);
  expect(await main.getByRole('link', { name: 'Jag hade ett konto i den tidigare kundportalen' }).count()).toBe(0);
  await checkBothWidths(page, 'siths-valj-konto', { axe: true });

  // The form itself refuses too, with the same words and the way out.
  await page.goto(`${h.baseUrl}/verifiera-konto`);
  await main.getByText('Just nu går det inte att verifiera konto med SITHS eID.', { exact: false }).waitFor();
  expect(await page.getByLabel(/^E-postadress/).count()).toBe(0);
  await checkBothWidths(page, 'siths-verifiera-nekad', { axe: true });

  await main.getByRole('link', { name: 'Logga in med Freja eID' }).click();
  expect(await page.getByLabel('Freja eID').isChecked()).toBe(true);
  await page.getByLabel('Personnummer').fill(pnr);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await page.waitForURL(`${h.baseUrl}/verifiera-konto`);
  await page.getByLabel(/^E-postadress i den tidigare kundportalen/).waitFor();
  await page.context().close();
}, 120_000);
