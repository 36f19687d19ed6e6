// The portal's pages over plain HTTP: every page sends the strict Content-Security-Policy and carries
// no inline script or style; Mina sidor sends a visitor to log in and a person without an account to
// the page that says one is needed; Logga ut works as a plain form; /api, /auth and /admin are untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sithsOrder } from '../scripts/sample-cases.js';
import { type BrowserSession, logInWithELegitimation } from './helpers/browser-session.js';
import { type Harness, startHarness } from './helpers/harness.js';
import { loginableCustomer } from './helpers/portal-customer.js';
import { organisationsnummer, personnummer } from '../scripts/sample-cases.js';

let h: Harness;
let asa: BrowserSession;
let caseNumber: string;

beforeAll(async () => {
  h = await startHarness();
  const submitted = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: sithsOrder(h.customerEmail, 2) });
  expect(submitted.status).toBe(201);
  caseNumber = submitted.json.caseNumber;
  asa = await logInWithELegitimation(h.baseUrl, await loginableCustomer(h, '19850709'));
});
afterAll(() => h?.stop());

const unread = async (session: BrowserSession) => (await session.api('GET', '/api/v1/notifications')).json.unread as number;

function expectStrictPage(res: { status: number; headers: Headers }, html: string) {
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(html).toMatch(/^<!doctype html>/);
  // Our own script files, empty elements loading them, are the only scripts.
  const own = html.replace(/<script src="\/assets\/portal\/[\w-]+\.js" defer=""><\/script>/g, '');
  expect(own).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
  expect(html).toContain('href="/tillganglighetsredogorelse"');
}

describe('portal pages over HTTP', () => {
  it('the public pages and style sheets send the strict policy', async () => {
    for (const path of ['/', '/tillganglighetsredogorelse']) {
      const res = await fetch(h.baseUrl + path);
      expect(res.status, path).toBe(200);
      expectStrictPage(res, await res.text());
    }
    const start = await (await fetch(`${h.baseUrl}/`)).text();
    expect(start).toContain('Logga in med BankID');
    expect(start).toContain('href="/auth/login?returnTo=%2Fmina-sidor&amp;method=freja"');
    // The chosen method goes on to the identity provider as acr_values.
    const login = await fetch(`${h.baseUrl}/auth/login?returnTo=%2Fmina-sidor&method=freja`, { redirect: 'manual' });
    expect(new URL(login.headers.get('location')!).searchParams.get('acr_values')).toBe('urn:kundportal:method:freja');
    const plain = await fetch(`${h.baseUrl}/auth/login?method=nagot-annat`, { redirect: 'manual' });
    expect(new URL(plain.headers.get('location')!).searchParams.has('acr_values')).toBe(false);
    for (const css of ['designsystemet.css', 'designsystemet-theme.css', 'kundportal.css']) {
      const res = await fetch(`${h.baseUrl}/assets/portal/${css}`);
      expect(res.status, css).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/css');
    }
    expect((await fetch(`${h.baseUrl}/assets/portal/..%2Fpackage.json`)).status).toBe(404);
  });

  it('Mina sidor and a case page send a visitor to log in and come back', async () => {
    for (const path of ['/mina-sidor', `/mina-sidor/arenden/${caseNumber}`, '/mina-sidor/notiser', '/skapa-konto']) {
      const res = await fetch(h.baseUrl + path, { redirect: 'manual' });
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location')).toBe(`/auth/login?returnTo=${encodeURIComponent(path)}`);
    }
  });

  it('a customer lands on Mina sidor after login and sees their case and its page', async () => {
    expect(asa.landed).toMatchObject({ status: 302, location: '/mina-sidor' });
    const list = await asa.send('GET', '/mina-sidor');
    const listHtml = await list.text();
    expect(list.status).toBe(200);
    expectStrictPage(list, listHtml);
    expect(listHtml).toContain(`href="/mina-sidor/arenden/${caseNumber}"`);
    expect(listHtml).toContain('Notiser (');
    expect(listHtml).toMatch(/name="csrf" value="[\w-]{40,}"/);

    const page = await asa.send('GET', `/mina-sidor/arenden/${caseNumber}`);
    const pageHtml = await page.text();
    expect(page.status).toBe(200);
    expectStrictPage(page, pageHtml);
    expect(pageHtml).toContain('Person Ärlig 2');
    expect(pageHtml).toContain('Ärendehistorik');

    const missing = await asa.send('GET', '/mina-sidor/arenden/KP-1999-99999');
    expect(missing.status).toBe(404);
    expectStrictPage(missing, await missing.text());
    const notiser = await asa.send('GET', '/mina-sidor/notiser');
    expect(notiser.status).toBe(200);
    expectStrictPage(notiser, await notiser.text());
  });

  it('text people typed is escaped, never markup', async () => {
    const body = { type: 'question', subject: '<script>alert(1)</script>', description: '<img src=x onerror=alert(1)>', service: 'SITHS' };
    const res = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body });
    expect(res.status).toBe(201);
    const html = await (await asa.send('GET', `/mina-sidor/arenden/${res.json.caseNumber}`)).text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<img src=x');
  });

  it('a person without an account is sent to Skapa nytt konto; errors come back summarised; an unknown organisation is registered', async () => {
    const pnr = personnummer('19920314', 100 + Math.floor(Math.random() * 800));
    const nils = await logInWithELegitimation(h.baseUrl, { personnummer: pnr, method: 'freja', name: 'Nils Nyström' });
    const res = await nils.send('GET', '/mina-sidor');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/valj-konto');
    expect(await (await nils.send('GET', '/valj-konto')).text()).toContain('href="/skapa-konto"');
    const form = await nils.send('GET', '/skapa-konto');
    const formHtml = await form.text();
    expect(form.status).toBe(200);
    expectStrictPage(form, formHtml);
    expect(formHtml).toContain('Skapa nytt konto');
    expect(formHtml).toContain(`${pnr.slice(0, 8)}-${pnr.slice(8)}`);
    expect(formHtml).toContain('value="Nils Nyström"');

    expect((await nils.postForm('/skapa-konto', { csrf: 'gammal', organisationsnummer: '556016-0680' })).status).toBe(403);
    const bad = await nils.postForm('/skapa-konto', { csrf: nils.session.csrfToken, organisationsnummer: '12345', name: 'Nils Nyström', email: 'inte-en-adress' });
    const badHtml = await bad.text();
    expect(bad.status).toBe(400);
    expectStrictPage(bad, badHtml);
    expect(badHtml).toMatch(/<title>Fel: 3 uppgifter behöver rättas – Skapa nytt konto – Kundportal<\/title>/);
    expect(badHtml).toContain('href="#falt-organisationsnummer"');
    expect(badHtml).toContain('href="#falt-email"');
    expect(badHtml).toContain('href="#falt-confirmed"');
    expect(badHtml).toContain('value="inte-en-adress"');
    expect((await nils.api('GET', '/api/v1/session')).json.kind).toBe('person');

    const orgNumber = organisationsnummer(String(213000 + Math.floor(Math.random() * 999)));
    const fields = { csrf: nils.session.csrfToken, organisationsnummer: orgNumber, name: 'Nils Nyström', email: `nils.${Date.now()}@exempel.se`, notifyByEmail: 'ja', confirmed: 'ja' };
    const unknown = await nils.postForm('/skapa-konto', fields);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('href="#falt-organisationName"');
    const created = await nils.postForm('/skapa-konto', { ...fields, organisationName: 'Region Nyby', unitName: 'Vårdcentralen Åby' });
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe('/mina-sidor?konto=ny-organisation');
    const mina = await (await nils.send('GET', '/mina-sidor?konto=ny-organisation')).text();
    expect(mina).toContain('Organisationen är registrerad och granskas av oss');
    expect(mina).toContain('Du har inga pågående ärenden.');
    expect((await nils.api('GET', '/api/v1/me')).json).toMatchObject({ name: 'Nils Nyström', unitName: 'Vårdcentralen Åby', notifyByEmail: true });
  });

  it('Logga ut is a plain form with the CSRF token as a field', async () => {
    const session = await logInWithELegitimation(h.baseUrl, await loginableCustomer(h, '19850709'));
    const form = (csrf: string) => ({ body: new URLSearchParams({ csrf }).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    const url = `${h.baseUrl}/auth/logout`;
    const post = (csrf: string) => fetch(url, { method: 'POST', redirect: 'manual', ...form(csrf), headers: { ...form(csrf).headers, cookie: session.jar.header(url)! } });
    expect((await post('fel')).status).toBe(403);
    const out = await post(session.session.csrfToken);
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/?utloggad=1');
    expect((await session.send('GET', '/mina-sidor')).status).toBe(302);
  });

  it('opening a case page reads its notifications; Markera alla som lästa is a form with the CSRF token', async () => {
    const first = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: sithsOrder(h.customerEmail, 1) });
    const second = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: sithsOrder(h.customerEmail, 1) });
    const before = await unread(asa);
    expect(before).toBeGreaterThanOrEqual(2);
    const opened = await (await asa.send('GET', `/mina-sidor/arenden/${first.json.caseNumber}`)).text();
    expect(await unread(asa)).toBe(before - 1);
    expect(opened).toContain(`Notiser (${before - 1 === 1 ? '1 oläst' : `${before - 1} olästa`})`);

    const refused = await asa.postForm('/mina-sidor/notiser/las-alla', { csrf: 'gammal' });
    expect(refused.status).toBe(403);
    expectStrictPage(refused, await refused.text());
    expect(await unread(asa)).toBe(before - 1);
    const done = await asa.postForm('/mina-sidor/notiser/las-alla', { csrf: asa.session.csrfToken });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/mina-sidor/notiser');
    expect(await unread(asa)).toBe(0);
    expect(await (await asa.send('GET', '/mina-sidor/notiser')).text()).toContain('Du har inga olästa notiser.');
    expect(second.status).toBe(201);
  });

  it('a message from the case page: errors summarised, sent once per key, then shown in the history', async () => {
    const path = `/mina-sidor/arenden/${caseNumber}/meddelande`;
    const empty = await asa.postForm(path, { csrf: asa.session.csrfToken, nyckel: 'a'.repeat(20), body: '   ' });
    const emptyHtml = await empty.text();
    expect(empty.status).toBe(400);
    expectStrictPage(empty, emptyHtml);
    expect(emptyHtml).toContain(`<title>Fel: 1 uppgift behöver rättas – Ärende ${caseNumber} – Kundportal</title>`);
    expect(emptyHtml).toContain('href="#falt-body"');
    expect(emptyHtml).toContain(`name="nyckel" value="${'a'.repeat(20)}"`);
    expect((await asa.postForm(path, { csrf: 'gammal', body: 'Hej' })).status).toBe(403);

    const key = `svar-${Date.now()}-${'b'.repeat(10)}`;
    const fields = { csrf: asa.session.csrfToken, nyckel: key, body: 'Korten kan hämtas av Person Ärlig 1.' };
    const sent = await asa.postForm(path, fields);
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/mina-sidor/arenden/${caseNumber}?skickat=ja`);
    expect((await asa.postForm(path, fields)).status).toBe(303); // the same form again: joins the first
    const page = await (await asa.send('GET', `/mina-sidor/arenden/${caseNumber}?skickat=ja`)).text();
    expect(page).toContain('Ditt meddelande är skickat.');
    expect(page.split('Korten kan hämtas av Person Ärlig 1.').length - 1).toBe(1);
    const timeline = (await asa.api('GET', `/api/v1/cases/${caseNumber}`)).json.timeline as Array<{ action: string }>;
    expect(timeline.filter((e) => e.action === 'customer_message')).toHaveLength(1);
  });

  it('a local administrator switches Mina sidor to all cases of the organisation; a bad cursor starts from the newest', async () => {
    const own = await (await asa.send('GET', '/mina-sidor')).text();
    expect(own).not.toContain('Visa organisationens ärenden');
    await h.db.updateTable('customer_accounts').set({ isLocalAdmin: true }).where('id', '=', h.accountId).execute();
    try {
      const mine = await (await asa.send('GET', '/mina-sidor')).text();
      expect(mine).toContain('href="/mina-sidor?visa=organisation"');
      const org = await asa.send('GET', '/mina-sidor?visa=organisation');
      const orgHtml = await org.text();
      expect(org.status).toBe(200);
      expect(orgHtml).toContain('Du ser alla ärenden i din organisation.');
      expect(orgHtml).toContain('<th scope="col">Inskickat av</th>');
      expect(orgHtml).toContain(`href="/mina-sidor/arenden/${caseNumber}"`);
    } finally {
      await h.db.updateTable('customer_accounts').set({ isLocalAdmin: false }).where('id', '=', h.accountId).execute();
    }
    // Without the role the choice is ignored, not an error.
    expect(await (await asa.send('GET', '/mina-sidor?visa=organisation')).text()).not.toContain('Inskickat av');
    const garbled = await asa.send('GET', '/mina-sidor?pagaende=inte-en-markor&avslutade=%00');
    expect(garbled.status).toBe(200);
    expect(await garbled.text()).toContain(`href="/mina-sidor/arenden/${caseNumber}"`);
  });

  it('a page that does not exist is a Swedish page for a browser and problem+json for the API', async () => {
    const page = await fetch(`${h.baseUrl}/finns-inte`, { headers: { Accept: 'text/html' } });
    expect(page.status).toBe(404);
    const html = await page.text();
    expectStrictPage(page, html);
    expect(html).toContain('Sidan finns inte');
    for (const path of ['/api/v1/finns-inte', '/finns-inte']) {
      const res = await fetch(h.baseUrl + path, { headers: { Accept: path === '/finns-inte' ? 'application/json' : 'text/html' } });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('the API and the back office are where they were', async () => {
    expect((await fetch(`${h.baseUrl}/api/v1/cases`)).status).toBe(401);
    const admin = await fetch(`${h.baseUrl}/admin/`);
    expect([200, 503]).toContain(admin.status);
    expect(admin.headers.get('content-security-policy')).toBeNull();
  });
});
