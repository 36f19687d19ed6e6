// What a customer does on the case page and on Mina uppgifter, over plain HTTP against the real API,
// worker, Temporal and Postgres: the PDF, the handler's question at the top, withdrawing after a
// confirmation step (once per key, refused on a closed case, nothing done without the CSRF token),
// Mina uppgifter with its error summary, and an e-mail's "Visa ärendet" link opened while logged out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCustomerAccount } from '../db/people.js';
import { createApiToken } from '../db/tokens.js';
import { signInAtDevIdp } from '../idp/dev-login.js';
import { personnummer, question, sithsOrder } from '../scripts/sample-cases.js';
import { type BrowserSession, cookieClient, logInWithELegitimation } from './helpers/browser-session.js';
import { type Harness, startHarness } from './helpers/harness.js';
import { pdfText } from './helpers/pdf-text.js';
import { loginableCustomer } from './helpers/portal-customer.js';

let h: Harness;
let asa: BrowserSession;
let login: Awaited<ReturnType<typeof loginableCustomer>>;
/** A case of a colleague at the same organisation, which Åsa (no local administrator) may not see. */
let othersCase: string;

beforeAll(async () => {
  h = await startHarness();
  login = await loginableCustomer(h, '19850709');
  asa = await logInWithELegitimation(h.baseUrl, login);
  const colleague = await upsertCustomerAccount(h.db, h.cipher, {
    organisationId: h.organisationId,
    personnummer: personnummer('19700101', 100 + Math.floor(Math.random() * 800)),
    name: 'Östen Ärlemark',
    email: `osten.${Date.now()}@exempel.se`,
  });
  const token = await createApiToken(h.db, { customerAccountId: colleague }, 'test');
  const submitted = await h.api('POST', '/api/v1/cases', { token, body: question(`osten.${Date.now()}@exempel.se`) });
  expect(submitted.status).toBe(201);
  othersCase = submitted.json.caseNumber;
});
afterAll(() => h?.stop());

async function submit(body: unknown = sithsOrder(h.customerEmail, 2)): Promise<string> {
  const res = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body });
  expect(res.status).toBe(201);
  return res.json.caseNumber;
}

const page = async (path: string) => {
  const res = await asa.send('GET', path);
  return { status: res.status, html: await res.text(), headers: res.headers };
};

/** The case's row and its events in Postgres. */
async function stored(caseNumber: string) {
  const row = await h.db.selectFrom('cases').select(['id', 'status', 'version', 'resolution']).where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
  const events = await h.db.selectFrom('case_events').select('action').where('caseId', '=', row.id).orderBy('version').execute();
  return { ...row, actions: events.map((e) => e.action) };
}

/**
 * A handler's action, waited for until Postgres shows it: on a busy machine the API may answer 202
 * (admitted, not yet finished) instead of 200.
 */
async function staffAction(caseNumber: string, action: string, body: unknown) {
  const before = (await stored(caseNumber)).version;
  const res = await h.staffAction(caseNumber, action, body);
  expect([200, 202]).toContain(res.status);
  await expect.poll(async () => (await stored(caseNumber)).version, { timeout: 30_000 }).toBeGreaterThan(before);
}

const hiddenValue = (html: string, name: string) => html.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1];

describe('the case page', () => {
  it('downloads the case as the same PDF as the API, and only for someone who may see the case', async () => {
    const caseNumber = await submit();
    const html = (await page(`/mina-sidor/arenden/${caseNumber}`)).html;
    expect(html).toContain(`href="/mina-sidor/arenden/${caseNumber}/pdf"`);

    const res = await asa.send('GET', `/mina-sidor/arenden/${caseNumber}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${caseNumber}.pdf"`);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The same document as the API gives the same reader (its footer's time of creation aside).
    const api = await asa.api('GET', `/api/v1/cases/${caseNumber}/pdf`);
    expect(api.status).toBe(200);
    const withoutTime = (text: string) => text.replace(/PDF skapad [\d-]+ [\d:]+/g, '').replace(/\s+/g, ' ');
    const text = withoutTime(await pdfText(bytes));
    expect(text).toContain(caseNumber);
    expect(text).toContain('Person Ärlig 2');
    expect(text).toBe(withoutTime(await pdfText(api.json as Buffer)));

    for (const path of [`/mina-sidor/arenden/${othersCase}/pdf`, '/mina-sidor/arenden/KP-1999-99999/pdf']) {
      const refused = await page(path);
      expect(refused.status, path).toBe(404);
      expect(refused.headers.get('content-type')).toContain('text/html');
      expect(refused.html).toContain('Ärendet finns inte');
      expect(refused.html).not.toContain('%PDF');
    }
  });

  it('highlights the handler’s question at the top and links to the reply form', async () => {
    const caseNumber = await submit();
    const before = (await page(`/mina-sidor/arenden/${caseNumber}`)).html;
    expect(before).not.toContain('data-color="warning"');
    expect(before).not.toContain('Svara på frågan');

    await staffAction(caseNumber, 'request-info', { body: 'Vilket kortkontor ska Person Ärlig 2 hämta sitt kort på?' });
    const { status, html } = await page(`/mina-sidor/arenden/${caseNumber}`);
    expect(status).toBe(200);
    const alert = html.slice(html.indexOf('<div class="ds-alert kp-request" data-color="warning"'));
    expect(alert.length).toBeLessThan(html.length);
    // Above the case's facts, quoting the question, with the way to answer it.
    expect(html.indexOf('data-color="warning"')).toBeLessThan(html.indexOf('<dl class="kp-facts">'));
    expect(alert).toMatch(/^<div class="ds-alert kp-request" data-color="warning" role="region" aria-labelledby="fraga-rubrik">/);
    expect(alert).toContain('Handläggaren behöver mer information från dig');
    expect(alert).toMatch(/<blockquote class="kp-quote"><p class="ds-paragraph kp-message">Vilket kortkontor ska Person Ärlig 2 hämta sitt kort på\?<\/p><\/blockquote>/);
    expect(alert).toMatch(/<a class="ds-link" href="#falt-body">Svara på frågan<\/a>/);
    expect(html).toContain('id="falt-body"');
    expect(html).toContain('Svara handläggaren');

    // Answered, the highlight goes: the case is with the handler again.
    const key = `svar-${Date.now()}-abcdefgh`;
    const sent = await asa.postForm(`/mina-sidor/arenden/${caseNumber}/meddelande`, { csrf: asa.session.csrfToken, nyckel: key, body: 'Kortkontoret City.' });
    expect(sent.status).toBe(303);
    await expect.poll(async () => (await page(`/mina-sidor/arenden/${caseNumber}`)).html.includes('Svara på frågan'), { timeout: 30_000 }).toBe(false);
  });

  it('withdraws after a confirmation page, once per key, with the reason kept', async () => {
    const caseNumber = await submit();
    const casePage = (await page(`/mina-sidor/arenden/${caseNumber}`)).html;
    expect(casePage).toContain(`href="/mina-sidor/arenden/${caseNumber}/aterkalla"`);

    const confirm = await page(`/mina-sidor/arenden/${caseNumber}/aterkalla`);
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain(`Vill du återkalla ärende ${caseNumber}?`);
    expect(confirm.html).toContain('Ärendet avslutas och handläggaren slutar arbeta med det.');
    expect(confirm.html).toContain('Ja, återkalla ärendet');
    expect(confirm.html).toMatch(new RegExp(`<a class="ds-button" data-variant="secondary" href="/mina-sidor/arenden/${caseNumber}">Avbryt</a>`));
    expect(confirm.html).toContain(`action="/mina-sidor/arenden/${caseNumber}/aterkalla"`);
    const key = hiddenValue(confirm.html, 'nyckel')!;
    expect(key).toMatch(/^[\w-]{16,64}$/);
    expect((await stored(caseNumber)).status).toBe('submitted'); // showing the page does nothing

    // Without the session's CSRF token nothing is done.
    for (const csrf of [undefined, 'gammal']) {
      const forged = await asa.postForm(`/mina-sidor/arenden/${caseNumber}/aterkalla`, { ...(csrf ? { csrf } : {}), nyckel: key, reason: 'Förfalskat' });
      expect(forged.status).toBe(403);
      expect(await forged.text()).toContain('Formuläret har gått ut');
    }
    // A reason too long comes back with the summary and the text kept; nothing is done.
    const long = 'x'.repeat(2_001);
    const bad = await asa.postForm(`/mina-sidor/arenden/${caseNumber}/aterkalla`, { csrf: asa.session.csrfToken, nyckel: key, reason: long });
    const badHtml = await bad.text();
    expect(bad.status).toBe(400);
    expect(badHtml).toContain(`<title>Fel: 1 uppgift behöver rättas – Återkalla ärende ${caseNumber} – Kundportal</title>`);
    expect(badHtml).toMatch(/<a class="ds-link" href="#falt-reason">Skälet: högst 2000 tecken är tillåtna<\/a>/);
    expect(badHtml).toContain(`name="nyckel" value="${key}"`);
    expect(badHtml).toContain(long);
    expect(await stored(caseNumber)).toMatchObject({ status: 'submitted', actions: ['submit'] });

    const fields = { csrf: asa.session.csrfToken, nyckel: key, reason: 'Vi har hittat korten.' };
    // Done at once, or on a busy machine admitted and finished a moment later (202 in the API).
    const landing = new RegExp(`^/mina-sidor/arenden/${caseNumber}\\?aterkallat=(ja|snart)$`);
    const done = await asa.postForm(`/mina-sidor/arenden/${caseNumber}/aterkalla`, fields);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toMatch(landing);
    // The same form again (a double click, a resent page) joins the first withdrawal.
    const again = await asa.postForm(`/mina-sidor/arenden/${caseNumber}/aterkalla`, fields);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toMatch(landing);
    await expect.poll(async () => (await stored(caseNumber)).status, { timeout: 30_000 }).toBe('closed');
    const third = await asa.postForm(`/mina-sidor/arenden/${caseNumber}/aterkalla`, fields);
    expect(third.headers.get('location')).toBe(`/mina-sidor/arenden/${caseNumber}?aterkallat=ja`);
    const row = await stored(caseNumber);
    expect(row).toMatchObject({ status: 'closed', resolution: 'Återkallat av kunden: Vi har hittat korten.', actions: ['submit', 'withdraw'] });

    const after = (await page(`/mina-sidor/arenden/${caseNumber}?aterkallat=ja`)).html;
    expect(after).toContain('Ärendet är återkallat och avslutat.');
    expect(after).toContain('Du återkallade ärendet');
    expect(after).not.toContain('/aterkalla"');
    // A withdrawal the workflow has not finished in time (202) is promised, not claimed done.
    expect((await page(`/mina-sidor/arenden/${caseNumber}?aterkallat=snart`)).html).toContain('Din återkallelse är mottagen och syns här om en liten stund.');
  });

  it('refuses to withdraw a closed case with a page, and hides the button', async () => {
    const caseNumber = await submit();
    await staffAction(caseNumber, 'close', { resolution: 'Korten är beställda.' });
    const before = await stored(caseNumber);
    expect((await page(`/mina-sidor/arenden/${caseNumber}`)).html).not.toContain('Återkalla ärendet');

    const confirm = await page(`/mina-sidor/arenden/${caseNumber}/aterkalla`);
    expect(confirm.status).toBe(409);
    expect(confirm.html).toContain('Ärendet kan inte återkallas');
    expect(confirm.html).toContain('Ärendet är redan avslutat och kan inte återkallas.');
    expect(confirm.html).not.toContain('Ja, återkalla ärendet');

    // A forged or stale form: a page saying why, not an error.
    const forged = await asa.postForm(`/mina-sidor/arenden/${caseNumber}/aterkalla`, { csrf: asa.session.csrfToken, nyckel: `forged-${Date.now()}-abcdefgh` });
    const forgedHtml = await forged.text();
    expect(forged.status).toBe(409);
    expect(forgedHtml).toContain('Ärendet är redan avslutat och kan inte återkallas.');
    expect(forgedHtml).toContain(`href="/mina-sidor/arenden/${caseNumber}"`);
    expect(await stored(caseNumber)).toEqual(before);
  });

  it('someone else’s case cannot be withdrawn and is not shown', async () => {
    const before = await stored(othersCase);
    expect((await page(`/mina-sidor/arenden/${othersCase}/aterkalla`)).status).toBe(404);
    const res = await asa.postForm(`/mina-sidor/arenden/${othersCase}/aterkalla`, { csrf: asa.session.csrfToken, nyckel: `andras-${Date.now()}-abcdefgh` });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Ärendet finns inte');
    expect(await stored(othersCase)).toEqual(before);
  });

  it('an e-mail’s Visa ärendet link opens the case page after logging in', async () => {
    const caseNumber = await submit();
    await expect.poll(() => h.receivedBy(h.customerEmail).some((m) => m.subject.includes(caseNumber)), { timeout: 20_000 }).toBe(true);
    const mail = h.receivedBy(h.customerEmail).find((m) => m.subject.includes(caseNumber));
    const link = mail?.text.match(/https?:\/\/\S+\/mina-sidor\/arenden\/[^\s)>\]]+/)?.[0];
    expect(link, 'the e-mail links the case page').toBeDefined();
    const path = new URL(link!).pathname;
    expect(path).toBe(`/mina-sidor/arenden/${caseNumber}`);

    const browser = cookieClient(h.baseUrl);
    const visit = await browser.send('GET', path);
    expect(visit.status).toBe(302);
    const toLogin = visit.headers.get('location')!;
    expect(toLogin).toBe(`/auth/login?returnTo=${encodeURIComponent(path)}`);
    const start = await browser.send('GET', toLogin);
    expect(start.status).toBe(302);
    const callback = await signInAtDevIdp(start.headers.get('location')!, login);
    const landed = await browser.send('GET', callback);
    expect(landed.status).toBe(302);
    expect(landed.headers.get('location')).toBe(path);
    const opened = await browser.send('GET', path);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain(`Ärende ${caseNumber}`);
  });
});

describe('Mina uppgifter', () => {
  const account = () =>
    h.db.selectFrom('customer_accounts as a').leftJoin('units as u', 'u.id', 'a.unitId').select(['a.name', 'a.email', 'a.notifyByEmail', 'a.updatedAt', 'u.name as unitName']).where('a.id', '=', h.accountId).executeTakeFirstOrThrow();

  it('is linked from Mina sidor and shows the details, the personnummer only masked', async () => {
    expect((await page('/mina-sidor')).html).toMatch(/<a class="ds-link" href="\/mina-sidor\/uppgifter">Mina uppgifter<\/a>/);
    const { status, html } = await page('/mina-sidor/uppgifter');
    expect(status).toBe(200);
    const a = await account();
    expect(html).toContain(`value="${a.name}"`);
    expect(html).toContain(`value="${a.email}"`);
    expect(html).toContain('Jag vill bli notifierad via e-post');
    expect(html).toContain('Region Exempel');
    expect(html).toContain(`${login.personnummer.slice(0, 8)}-****`);
    expect(html).not.toContain(login.personnummer.slice(8));
    expect(html).not.toContain(login.personnummer);
  });

  it('a bad e-mail address comes back summarised with what was typed, and nothing is written', async () => {
    const before = await account();
    const res = await asa.postForm('/mina-sidor/uppgifter', { csrf: asa.session.csrfToken, name: '', email: 'inte-en-adress', unitName: 'Ny enhet', notifyByEmail: 'ja' });
    const html = await res.text();
    expect(res.status).toBe(400);
    expect(html).toContain('<title>Fel: 2 uppgifter behöver rättas – Mina uppgifter – Kundportal</title>');
    expect(html.indexOf('href="#falt-name"')).toBeLessThan(html.indexOf('href="#falt-email"'));
    expect(html).toContain('Namn saknas');
    expect(html).toContain('value="inte-en-adress"');
    expect(html).toContain('value="Ny enhet"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).not.toContain('Dina uppgifter är sparade');
    expect(await account()).toEqual(before);

    const forged = await asa.postForm('/mina-sidor/uppgifter', { name: 'Förfalskad', email: 'falsk@exempel.se' });
    expect(forged.status).toBe(403);
    expect(await account()).toEqual(before);
  });

  it('saves through the same service as the API, then says so (POST-redirect-GET)', async () => {
    const email = `asa.ny.${Date.now()}@exempel.se`;
    const res = await asa.postForm('/mina-sidor/uppgifter', { csrf: asa.session.csrfToken, name: '  Åsa Öberg-Lind ', email: email.toUpperCase().replace('@EXEMPEL.SE', '@Exempel.SE'), unitName: 'Vårdcentralen Öby' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/mina-sidor/uppgifter?sparat=ja');
    const { html } = await page('/mina-sidor/uppgifter?sparat=ja');
    expect(html).toContain('Dina uppgifter är sparade.');
    expect(html).toContain('value="Åsa Öberg-Lind"');
    // Trimmed, the domain lower-cased, the box left empty means no e-mail: as the API's schema says.
    expect(await account()).toMatchObject({ name: 'Åsa Öberg-Lind', email: email.replace(/^[^@]+/, (local) => local.toUpperCase()), unitName: 'Vårdcentralen Öby', notifyByEmail: false });
    expect((await asa.api('GET', '/api/v1/me')).json).toMatchObject({ name: 'Åsa Öberg-Lind', unitName: 'Vårdcentralen Öby', notifyByEmail: false });
    expect((await page('/mina-sidor/uppgifter')).html).not.toContain('Dina uppgifter är sparade.');
    // The header greets the new name.
    expect((await page('/mina-sidor')).html).toContain('<span class="kp-account__name">Åsa Öberg-Lind</span>');

    const back = await asa.postForm('/mina-sidor/uppgifter', { csrf: asa.session.csrfToken, name: 'Åsa Öberg', email: h.customerEmail, unitName: '', notifyByEmail: 'ja' });
    expect(back.status).toBe(303);
    expect(await account()).toMatchObject({ name: 'Åsa Öberg', email: h.customerEmail, unitName: null, notifyByEmail: true });
  });

  it('sends a visitor to log in and back', async () => {
    const res = await fetch(`${h.baseUrl}/mina-sidor/uppgifter`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/auth/login?returnTo=%2Fmina-sidor%2Fuppgifter');
  });
});
