// Min organisation and API-nycklar in Debian's Chromium against the real API, Postgres and identity
// provider: a local administrator gives Karin Ek the right to order and takes it away again, creates an
// API key (its secret shown once, working as a Bearer token) and revokes it after the confirmation
// page. Every page passes axe-core's WCAG 2.1 A and AA rules at desktop and 390 px, with screenshots
// in test-results/screenshots; the same flow runs again with JavaScript turned off.
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Harness, sleep, startHarness } from '../helpers/harness.js';
import { organisationWorld, rolesOf } from '../helpers/portal-organisation.js';
import { checkBothWidths, launchChromium, newPortalPage } from './browser.js';

let h: Harness;
let browser: Browser;
let world: Awaited<ReturnType<typeof organisationWorld>>;


beforeAll(async () => {
  h = await startHarness();
  world = await organisationWorld(h);
  browser = await launchChromium();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

const newPage = (o: BrowserContextOptions = {}) => newPortalPage(browser, o);

const check = (page: Page, name: string, o: { axe: boolean }) => checkBothWidths(page, `portal-${name}`, o);

const status = async (secret: string) => (await h.api('GET', '/api/v1/session', { token: secret })).status;

async function adminFlow(page: Page, o: { axe: boolean; prefix: string }) {
  const look = (name: string) => check(page, `${o.prefix}${name}`, o);
  // Each run starts from the same state, whatever an earlier run left.
  await h.db.updateTable('api_tokens').set({ revokedAt: new Date() }).where('customerAccountId', '=', world.britt.id).where('revokedAt', 'is', null).execute();
  await h.db.updateTable('customer_accounts').set({ canOrder: false, isLocalAdmin: false }).where('id', '=', world.karin.id).execute();
  await page.goto(`${h.baseUrl}/auth/login?returnTo=${encodeURIComponent('/mina-sidor/organisation')}&method=bankid`);
  await page.getByLabel('BankID').check();
  await page.getByLabel('Personnummer').fill(world.britt.login.personnummer);
  await page.getByLabel('Namn').fill(world.britt.name);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await page.waitForURL(`${h.baseUrl}/mina-sidor/organisation`);

  // Min organisation, marked as the current page in the Mina sidor navigation.
  await page.getByRole('heading', { level: 1, name: 'Min organisation' }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Mina sidor' });
  expect(await nav.getByRole('link', { name: 'Min organisation' }).getAttribute('aria-current')).toBe('page');
  expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Mina ärenden', 'Mina uppgifter', 'Min organisation', 'API-nycklar']);
  await page.getByText(world.organisationsnummer, { exact: true }).waitFor();
  const members = page.getByRole('region', { name: 'Medlemmar' });
  const karin = members.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Karin Ek' }) });
  expect(await karin.getByRole('cell').allInnerTexts()).toEqual([world.karin.email, 'Vårdcentralen Åby', 'Nej', 'Nej', expect.stringContaining('Ge rätt att beställa')]);
  await look('organisation');

  // Karin Ek may order, then no longer.
  await page.getByRole('button', { name: 'Ge rätt att beställa (Karin Ek)' }).click();
  await page.getByRole('status').getByText('Karin Ek får nu beställa.').waitFor();
  expect(await karin.getByRole('cell').nth(2).innerText()).toBe('Ja');
  expect(await rolesOf(h, world.karin.id)).toEqual({ canOrder: true, isLocalAdmin: false });
  await look('organisation-andrad');
  await page.getByRole('button', { name: 'Ta bort rätt att beställa (Karin Ek)' }).click();
  await page.getByRole('status').getByText('Karin Ek får inte längre beställa.').waitFor();
  expect(await rolesOf(h, world.karin.id)).toEqual({ canOrder: false, isLocalAdmin: false });

  // API-nycklar: empty, then a name left out.
  await nav.getByRole('link', { name: 'API-nycklar' }).click();
  await page.getByRole('heading', { level: 1, name: 'API-nycklar' }).waitFor();
  expect(await page.getByRole('navigation', { name: 'Mina sidor' }).getByRole('link', { name: 'API-nycklar' }).getAttribute('aria-current')).toBe('page');
  await page.getByText('Du har inga API-nycklar.').waitFor();
  await look('api-nycklar-tom');
  await page.getByRole('button', { name: 'Skapa API-nyckel' }).click();
  await page.getByRole('heading', { name: '1 uppgift behöver rättas' }).waitFor();
  await look('api-nycklar-fel');

  // Created: the secret is shown on the answer itself, once.
  const name = `Ärendesystemet ${o.prefix || 'med js'}`;
  await page.getByLabel(/^Namn på nyckeln/).fill(name);
  await page.getByRole('button', { name: 'Skapa API-nyckel' }).click();
  await page.getByRole('heading', { level: 1, name: 'Din nya API-nyckel' }).waitFor();
  await page.getByText('Nyckeln visas bara den här gången.').waitFor();
  const secret = (await page.locator('code.kp-secret').innerText()).trim();
  expect(secret).toMatch(/^kp_[\w-]{43}$/);
  expect(page.url()).toBe(`${h.baseUrl}/mina-sidor/api-nycklar`);
  expect(await status(secret)).toBe(200);
  await look('api-nyckel-skapad');

  // The list shows the key, never its secret.
  await page.getByRole('link', { name: 'Tillbaka till API-nycklar' }).click();
  const keys = page.getByRole('region', { name: 'Dina API-nycklar' });
  const row = keys.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
  expect(await row.getByRole('cell').allTextContents()).toEqual([
    `${secret.slice(0, 7)}…`,
    expect.stringMatching(/^\d{1,2} [a-zåäö]+ \d{4} kl\. \d{2}:\d{2}$/),
    expect.stringMatching(/^\d{1,2} [a-zåäö]+ \d{4} kl\. \d{2}:\d{2}$/), // used just now, by the check above
    'Gäller',
    `Återkalla ${name}`,
  ]);
  expect(await page.content()).not.toContain(secret);
  await look('api-nycklar');

  // Revoked after the confirmation page.
  await row.getByRole('link', { name: `Återkalla ${name}` }).click();
  await page.getByRole('heading', { level: 1, name: `Vill du återkalla API-nyckeln ”${name}”?` }).waitFor();
  await look('api-nyckel-aterkalla');
  await page.getByRole('button', { name: 'Ja, återkalla nyckeln' }).click();
  await page.getByRole('status').getByText('API-nyckeln är återkallad.').waitFor();
  await page.getByText('Du har inga API-nycklar.').waitFor();
  await expect.poll(() => status(secret), { timeout: 10_000 }).toBe(401);
}

it('a local administrator changes a role, creates an API key and revokes it', async () => {
  await adminFlow(await newPage(), { axe: true, prefix: '' });
});

it('the same flow works with JavaScript turned off', async () => {
  await adminFlow(await newPage({ javaScriptEnabled: false }), { axe: false, prefix: 'utan-js-' });
});

it('with JavaScript, a double click on Skapa API-nyckel sends the form once, so the secret page is the one shown', async () => {
  const page = await newPage();
  await page.goto(`${h.baseUrl}/auth/login?returnTo=${encodeURIComponent('/mina-sidor/api-nycklar')}&method=bankid`);
  await page.getByLabel('BankID').check();
  await page.getByLabel('Personnummer').fill(world.britt.login.personnummer);
  await page.getByLabel('Namn').fill(world.britt.name);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await page.waitForURL(`${h.baseUrl}/mina-sidor/api-nycklar`);
  // Each POST held back a little, so the second click lands while the first is still on its way.
  let posts = 0;
  await page.route(`${h.baseUrl}/mina-sidor/api-nycklar`, async (route) => {
    if (route.request().method() === 'POST') {
      posts++;
      await sleep(400);
    }
    await route.continue();
  });
  await page.getByLabel(/^Namn på nyckeln/).fill('Dubbelklick');
  // Two real mouse clicks on the button, the second once the first request is on its way.
  const box = (await page.getByRole('button', { name: 'Skapa API-nyckel' }).boundingBox())!;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.click(x, y);
  await expect.poll(() => posts).toBe(1);
  await page.mouse.click(x, y);
  await page.getByRole('heading', { level: 1, name: 'Din nya API-nyckel' }).waitFor();
  await page.locator('code.kp-secret').waitFor();
  expect(posts).toBe(1);
  const made = await h.db.selectFrom('api_tokens').select('id').where('customerAccountId', '=', world.britt.id).where('name', '=', 'Dubbelklick').execute();
  expect(made).toHaveLength(1);
});
