// The idle session and the bell in Debian's Chromium against the real API, worker, Temporal, Postgres
// and identity provider. A customer's session is given a 125-second idle timeout in Postgres, so the
// warning opens within seconds: it is labelled, holds the focus and passes axe at desktop and phone
// width; Fortsätt vara inloggad restarts the clock in Postgres. Then the session ends (moved back in
// Postgres, the page's clock moved on by playwright's fake clock) and the page that says so follows,
// with Logga in igen back to Mina sidor. Last, a handler's answers raise the bell's count without a reload.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sithsOrder } from '../../scripts/sample-cases.js';
import { type Harness, sleep, startHarness } from '../helpers/harness.js';
import { loginableCustomer } from '../helpers/portal-customer.js';
import { checkBothWidths, launchChromium, newPortalPage } from './browser.js';

let h: Harness;
let browser: Browser;
let asa: Awaited<ReturnType<typeof loginableCustomer>>;
let caseNumber: string;

/** Short enough that the warning (two minutes before the end) opens a few seconds after a page loads. */
const IDLE_SECONDS = 125;

beforeAll(async () => {
  h = await startHarness();
  asa = await loginableCustomer(h, '19910417');
  const submitted = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: sithsOrder(h.customerEmail, 1) });
  expect(submitted.status).toBe(201);
  caseNumber = submitted.json.caseNumber;
  // Taken before the bell's test counts: the status change notifies in the same transaction.
  expect([200, 202]).toContain((await h.staffAction(caseNumber, 'take')).status);
  const status = async () => (await h.db.selectFrom('cases').select('status').where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow()).status;
  for (let i = 0; (await status()) !== 'in_progress'; i++) {
    if (i > 200) throw new Error('the case was not taken');
    await sleep(100);
  }
  browser = await launchChromium();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

/** A page whose timers playwright can move on; time still flows by itself until then. */
async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const page = await newPortalPage(browser);
  await page.context().clock.install();
  return { context: page.context(), page };
}

async function logInAtIdp(page: Page) {
  await page.getByLabel('BankID').check();
  await page.getByLabel('Personnummer').fill(asa.personnummer);
  await page.getByLabel('Namn').fill(asa.name);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await page.waitForURL(`${h.baseUrl}/mina-sidor`);
  await page.getByRole('heading', { level: 1, name: 'Mina sidor' }).waitFor();
}

async function sessionHash(context: BrowserContext) {
  const cookie = (await context.cookies(h.baseUrl)).find((c) => c.name === 'kp_session');
  expect(cookie, 'session cookie').toBeDefined();
  return createHash('sha256').update(cookie!.value).digest('hex');
}

const lastSeen = async (idHash: string) =>
  (await h.db.selectFrom('sessions').select('lastSeenAt').where('idHash', '=', idHash).executeTakeFirstOrThrow()).lastSeenAt.getTime();

const check = (page: Page, name: string) => checkBothWidths(page, `portal-${name}`, { axe: true });

const focusedIn = (page: Page) =>
  page.evaluate(() => {
    const active = (globalThis as unknown as { document: { activeElement: { closest(s: string): { id: string } | null; textContent: string } | null } }).document
      .activeElement;
    return { dialog: active?.closest('dialog')?.id, text: active?.textContent?.trim() };
  });

it('warns two minutes before the idle session ends, lets the customer stay, and says so when it has ended', async () => {
  const { context, page } = await newPage();
  await page.goto(`${h.baseUrl}/auth/login?returnTo=%2Fmina-sidor`);
  await logInAtIdp(page);
  const idHash = await sessionHash(context);
  await h.db.updateTable('sessions').set({ idleSeconds: IDLE_SECONDS }).where('idHash', '=', idHash).execute();
  await page.reload();

  const warning = page.getByRole('alertdialog', { name: 'Du loggas snart ut' });
  await warning.waitFor({ timeout: 20_000 });
  await warning.getByText('Du har varit inaktiv en stund. Om du inte gör något loggas du ut om 2 minuter.').waitFor();
  expect(await focusedIn(page)).toEqual({ dialog: 'kp-session-varning', text: 'Fortsätt vara inloggad' });
  await check(page, 'session-varning');

  const before = await lastSeen(idHash);
  await warning.getByRole('button', { name: 'Fortsätt vara inloggad' }).click();
  await warning.waitFor({ state: 'hidden' });
  expect(await lastSeen(idHash)).toBeGreaterThan(before);
  expect(page.url()).toBe(`${h.baseUrl}/mina-sidor`);

  // Nothing more is done: the session ends in Postgres, and the page's clock passes its end.
  await h.db
    .updateTable('sessions')
    .set({ lastSeenAt: sql<Date>`now() - make_interval(secs => ${IDLE_SECONDS + 5})` })
    .where('idHash', '=', idHash)
    .execute();
  await page.clock.fastForward((IDLE_SECONDS + 5) * 1000);
  await page.waitForURL(`${h.baseUrl}/utloggad?tillbaka=%2Fmina-sidor`);
  await page.getByRole('heading', { level: 1, name: 'Du har loggats ut' }).waitFor();
  await page.getByText('Du var inaktiv för länge och har loggats ut för att skydda dina uppgifter. Inget av det du inte hade skickat har sparats.').waitFor();
  await page.getByRole('banner').getByRole('link', { name: 'Logga in' }).waitFor();
  await check(page, 'session-slut');

  await page.getByRole('main').getByRole('link', { name: 'Logga in igen' }).click();
  await logInAtIdp(page);
  await context.close();
});

it('the bell counts new notifications without a reload and says so politely', async () => {
  const { context, page } = await newPage();
  await page.goto(`${h.baseUrl}/auth/login?returnTo=%2Fmina-sidor`);
  await logInAtIdp(page);
  const banner = page.getByRole('banner');
  const unread = async () => (await h.api('GET', '/api/v1/notifications/unread-count', { token: h.customerToken })).json.unread as number;
  const bellName = (n: number) => `Notiser (${n === 1 ? '1 oläst' : `${n} olästa`})`;
  const start = await unread();
  await banner.getByRole('link', { name: bellName(start) }).waitFor();
  // A mark that a reload would wipe out.
  await page.evaluate(() => Object.assign(globalThis, { samePage: true }));

  // The handler answers (one notification): the page learns of it at its next minute's poll.
  expect([200, 202]).toContain((await h.staffAction(caseNumber, 'reply', { body: 'Kortet är beställt.' })).status);
  await expect.poll(unread, { timeout: 20_000 }).toBe(start + 1);
  await page.waitForTimeout(500);
  expect(await banner.getByRole('link', { name: bellName(start) }).count()).toBe(1);
  await page.clock.fastForward(60_000);
  await banner.getByRole('link', { name: bellName(start + 1) }).waitFor();
  await expect.poll(() => page.locator('#kp-bell-nytt').textContent()).toBe('Du har fått en ny notis.');
  await check(page, 'notiser-uppdaterade');

  // Asked for more (a question and a status change): coming back to the tab asks at once.
  expect([200, 202]).toContain((await h.staffAction(caseNumber, 'request-info', { body: 'Vem hämtar kortet?' })).status);
  await expect.poll(unread, { timeout: 20_000 }).toBe(start + 3);
  await page.evaluate(() => (globalThis as unknown as { document: { dispatchEvent(e: unknown): void } }).document.dispatchEvent(new Event('visibilitychange')));
  await banner.getByRole('link', { name: bellName(start + 3) }).waitFor();
  await expect.poll(() => page.locator('#kp-bell-nytt').textContent()).toBe('Du har fått 2 nya notiser.');
  expect(await page.evaluate(() => (globalThis as unknown as { samePage?: boolean }).samePage)).toBe(true);
  await context.close();
});
