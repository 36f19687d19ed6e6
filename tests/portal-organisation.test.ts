// Min organisation and API-nycklar over plain HTTP, as the portal's forms send them, against the real
// API, Postgres and identity provider: a local administrator gives and takes away each role (checked
// in Postgres), others get a 403 page and change nothing, a form without the CSRF token changes
// nothing, refusals are shown on the page; an API key's secret is shown once, works as a Bearer token
// until it is revoked, and a resent create form makes one key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, logInWithELegitimation } from './helpers/browser-session.js';
import { type Harness, startHarness } from './helpers/harness.js';
import { organisationWorld, rolesOf } from './helpers/portal-organisation.js';

let h: Harness;
let world: Awaited<ReturnType<typeof organisationWorld>>;
let britt: BrowserSession;
let olle: BrowserSession;

beforeAll(async () => {
  h = await startHarness();
  world = await organisationWorld(h);
  britt = await logInWithELegitimation(h.baseUrl, world.britt.login);
  olle = await logInWithELegitimation(h.baseUrl, world.olle.login);
});
afterAll(() => h?.stop());

const page = async (session: BrowserSession, path: string) => {
  const res = await session.send('GET', path);
  return { status: res.status, headers: res.headers, html: await res.text() };
};

function expectStrictPage(res: { headers: Headers }, html: string) {
  expect(res.headers.get('content-security-policy') ?? '').toContain("default-src 'self'");
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(html).toMatch(/^<!doctype html>/);
  expect(html).not.toMatch(/<script(?! src)|<style|\sstyle=|\son[a-z]+=/i);
}

const rolesPath = (memberId: number) => `/mina-sidor/organisation/medlemmar/${memberId}/roller`;
const SECRET = /kp_[\w-]{43}/g;

describe('Min organisation', () => {
  it('shows a local administrator the organisation, its members and their roles, with Mina sidor navigation', async () => {
    const res = await page(britt, '/mina-sidor/organisation');
    expect(res.status).toBe(200);
    expectStrictPage(res, res.html);
    expect(res.html).toContain('<title>Min organisation – Kundportal</title>');
    expect(res.html).toContain(world.name);
    expect(res.html).toContain(world.organisationsnummer);
    expect(res.html).toContain('Verifierad');
    for (const m of [world.britt, world.karin, world.olle]) expect(res.html).toContain(m.email);
    expect(res.html).toContain('Britt Berg (du)');
    expect(res.html).toContain('Vårdcentralen Åby');
    expect(res.html).toContain('<nav class="kp-my-pages" aria-label="Mina sidor">');
    expect(res.html).toContain('<a class="ds-link" href="/mina-sidor/organisation" aria-current="page">Min organisation</a>');
    // Nobody is offered to remove their own administrator role.
    expect(res.html).not.toContain('Ta bort som lokal administratör<span class="ds-sr-only"> (Britt Berg)');
    expect(res.html).toContain('Gör till lokal administratör<span class="ds-sr-only"> (Karin Ek)');

    const mina = await page(britt, '/mina-sidor');
    expect(mina.html).toContain('<a class="ds-link" href="/mina-sidor" aria-current="page">Mina ärenden</a>');
    expect(mina.html).toContain('href="/mina-sidor/organisation"');
  });

  it('grants and revokes each role through plain forms (POST-redirect-GET), as Postgres shows', async () => {
    const csrf = britt.session.csrfToken;
    const steps = [
      { roll: 'bestalla', ge: 'ja', notice: 'Karin Ek får nu beställa.', roles: { canOrder: true, isLocalAdmin: false } },
      { roll: 'admin', ge: 'ja', notice: 'Karin Ek är nu lokal administratör.', roles: { canOrder: true, isLocalAdmin: true } },
      { roll: 'bestalla', ge: 'nej', notice: 'Karin Ek får inte längre beställa.', roles: { canOrder: false, isLocalAdmin: true } },
      { roll: 'admin', ge: 'nej', notice: 'Karin Ek är inte längre lokal administratör.', roles: { canOrder: false, isLocalAdmin: false } },
    ];
    for (const s of steps) {
      const res = await britt.postForm(rolesPath(world.karin.id), { csrf, roll: s.roll, ge: s.ge });
      expect(res.status, `${s.roll} ${s.ge}`).toBe(303);
      const location = res.headers.get('location')!;
      expect(location).toBe(`/mina-sidor/organisation?andrat=${world.karin.id}-${s.roll}-${s.ge}`);
      expect(await rolesOf(h, world.karin.id)).toEqual(s.roles);
      const after = await page(britt, location);
      expect(after.status).toBe(200);
      expect(after.html).toContain(`<p class="ds-paragraph">${s.notice}</p>`);
    }
    // The notice is said only while it is true: an old link claims nothing.
    const stale = await page(britt, `/mina-sidor/organisation?andrat=${world.karin.id}-bestalla-ja`);
    expect(stale.html).not.toContain('Karin Ek får nu beställa.');
  });

  it('a member who is not a local administrator gets a 403 page naming whom to ask, and changes nothing', async () => {
    const before = await rolesOf(h, world.olle.id);
    const res = await page(olle, '/mina-sidor/organisation');
    expect(res.status).toBe(403);
    expectStrictPage(res, res.html);
    expect(res.html).toContain('Bara för lokala administratörer');
    expect(res.html).toContain('<li>Britt Berg</li>');
    expect(res.html).not.toContain(world.karin.email);

    for (const fields of [
      { roll: 'admin', ge: 'ja' },
      { roll: 'bestalla', ge: 'ja' },
    ]) {
      const post = await olle.postForm(rolesPath(world.olle.id), { csrf: olle.session.csrfToken, ...fields });
      expect(post.status).toBe(403);
      expect(await post.text()).toContain('Bara för lokala administratörer');
    }
    expect(await rolesOf(h, world.olle.id)).toEqual(before);
    // The JSON API refuses him the same.
    expect((await olle.api('PUT', `/api/v1/organisation/members/${world.olle.id}/roles`, { body: { isLocalAdmin: true } })).status).toBe(403);
    // His Mina sidor navigation has no Min organisation.
    const mina = await page(olle, '/mina-sidor');
    expect(mina.html).toContain('aria-label="Mina sidor"');
    expect(mina.html).not.toContain('href="/mina-sidor/organisation"');
  });

  it('a form without the session CSRF token changes nothing', async () => {
    const before = await rolesOf(h, world.karin.id);
    for (const csrf of [undefined, 'gammal', olle.session.csrfToken]) {
      const res = await britt.postForm(rolesPath(world.karin.id), { ...(csrf ? { csrf } : {}), roll: 'admin', ge: 'ja' });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('Formuläret har gått ut');
    }
    expect(await rolesOf(h, world.karin.id)).toEqual(before);
  });

  it('refusals are shown on the page, never as a server error, and change nothing', async () => {
    const csrf = britt.session.csrfToken;
    const own = await britt.postForm(rolesPath(world.britt.id), { csrf, roll: 'admin', ge: 'nej' });
    const ownHtml = await own.text();
    expect(own.status).toBe(400);
    expectStrictPage(own, ownHtml);
    expect(ownHtml).toContain('<title>Fel: Rollen ändrades inte – Min organisation – Kundportal</title>');
    expect(ownHtml).toContain('Du kan inte ta bort din egen administratörsroll.');
    expect(ownHtml).toContain('Be en annan lokal administratör ta bort din roll');
    expect(await rolesOf(h, world.britt.id)).toEqual({ canOrder: true, isLocalAdmin: true });

    // A person of another organisation (the harness's customer) is not hers to change.
    const outsiderBefore = await rolesOf(h, h.accountId);
    const outsider = await britt.postForm(rolesPath(h.accountId), { csrf, roll: 'admin', ge: 'ja' });
    expect(outsider.status).toBe(404);
    expect(await outsider.text()).toContain('Personen finns inte i din organisation.');
    expect(await rolesOf(h, h.accountId)).toEqual(outsiderBefore);

    for (const id of ['999999999999999', '99999999999999999999', 'abc']) {
      const res = await britt.postForm(`/mina-sidor/organisation/medlemmar/${id}/roller`, { csrf, roll: 'bestalla', ge: 'ja' });
      expect(res.status, id).toBe(404);
    }
    const before = await rolesOf(h, world.karin.id);
    for (const fields of [{}, { roll: 'chef', ge: 'ja' }, { roll: 'admin', ge: 'kanske' }] as Array<Record<string, string>>) {
      const res = await britt.postForm(rolesPath(world.karin.id), { csrf, ...fields });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('Formuläret var ofullständigt.');
    }
    expect(await rolesOf(h, world.karin.id)).toEqual(before);
  });
});

describe('API-nycklar', () => {
  const liveKeys = (accountId: number) =>
    h.db.selectFrom('api_tokens').select(['id', 'name']).where('customerAccountId', '=', accountId).where('revokedAt', 'is', null).execute();

  it('creates a key whose secret is shown once, works as a Bearer token, and stops working when revoked', async () => {
    const empty = await page(britt, '/mina-sidor/api-nycklar');
    expect(empty.status).toBe(200);
    expectStrictPage(empty, empty.html);
    expect(empty.html).toContain('Du har inga API-nycklar.');
    expect(empty.html).toContain('<a class="ds-link" href="/mina-sidor/api-nycklar" aria-current="page">API-nycklar</a>');
    const key = /name="nyckel" value="([\w-]+)"/.exec(empty.html)![1]!;

    // Bad input: the error summary, nothing written.
    const csrf = britt.session.csrfToken;
    const bad = await britt.postForm('/mina-sidor/api-nycklar', { csrf, nyckel: key, name: '   ' });
    const badHtml = await bad.text();
    expect(bad.status).toBe(400);
    expect(badHtml).toContain('<title>Fel: 1 uppgift behöver rättas – API-nycklar – Kundportal</title>');
    expect(badHtml).toContain('href="#falt-name"');
    expect(badHtml).toContain(`name="nyckel" value="${key}"`);
    const long = await britt.postForm('/mina-sidor/api-nycklar', { csrf, nyckel: key, name: 'x'.repeat(101) });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('Namn får vara högst 100 tecken');
    expect((await britt.postForm('/mina-sidor/api-nycklar', { nyckel: key, name: 'Utan CSRF' })).status).toBe(403);
    expect(await liveKeys(world.britt.id)).toEqual([]);

    // Created: the answer to the form itself carries the secret, never a redirect or a URL.
    const created = await britt.postForm('/mina-sidor/api-nycklar', { csrf, nyckel: key, name: 'Ärendesystemet' });
    const createdHtml = await created.text();
    expect(created.status).toBe(200);
    expect(created.headers.get('location')).toBeNull();
    expectStrictPage(created, createdHtml);
    expect(createdHtml).toContain('Nyckeln visas bara den här gången.');
    const secrets = createdHtml.match(SECRET) ?? [];
    expect(secrets).toHaveLength(1);
    const secret = secrets[0]!;
    const [stored] = await liveKeys(world.britt.id);
    expect(stored).toMatchObject({ name: 'Ärendesystemet' });

    // The list never shows it again, only how it begins.
    const list = await page(britt, '/mina-sidor/api-nycklar');
    expect(list.html).toContain('Ärendesystemet');
    expect(list.html).toContain(`${secret.slice(0, 7)}…`);
    expect(list.html).not.toContain(secret);
    expect(list.html.match(SECRET)).toBeNull();
    expect(list.html).toContain('Inte använd än');

    // It works against the API as a Bearer token.
    const session = await h.api('GET', '/api/v1/session', { token: secret });
    expect(session.status).toBe(200);
    expect(session.json).toMatchObject({ kind: 'customer' });
    expect((await page(britt, '/mina-sidor/api-nycklar')).html).not.toContain('Inte använd än');

    // Another person can neither see nor revoke it.
    expect((await page(olle, `/mina-sidor/api-nycklar/${stored!.id}/aterkalla`)).status).toBe(404);
    expect((await olle.postForm(`/mina-sidor/api-nycklar/${stored!.id}/aterkalla`, { csrf: olle.session.csrfToken })).status).toBe(404);
    expect((await page(olle, '/mina-sidor/api-nycklar')).html).not.toContain('Ärendesystemet');

    // Revoked after a confirmation page; a form without the CSRF token does nothing.
    const confirm = await page(britt, `/mina-sidor/api-nycklar/${stored!.id}/aterkalla`);
    expect(confirm.status).toBe(200);
    expectStrictPage(confirm, confirm.html);
    expect(confirm.html).toContain('Vill du återkalla API-nyckeln ”Ärendesystemet”?');
    expect((await britt.postForm(`/mina-sidor/api-nycklar/${stored!.id}/aterkalla`, {})).status).toBe(403);
    expect((await h.api('GET', '/api/v1/session', { token: secret })).status).toBe(200);
    const revoked = await britt.postForm(`/mina-sidor/api-nycklar/${stored!.id}/aterkalla`, { csrf });
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get('location')).toBe('/mina-sidor/api-nycklar?aterkallad=ja');
    await expect.poll(async () => (await h.api('GET', '/api/v1/session', { token: secret })).status, { timeout: 10_000 }).toBe(401);
    const after = await page(britt, '/mina-sidor/api-nycklar?aterkallad=ja');
    expect(after.html).toContain('API-nyckeln är återkallad.');
    expect(after.html).toContain('Du har inga API-nycklar.');
    // Sent again: the key is already gone, which the page says, without an error status of the server.
    const again = await britt.postForm(`/mina-sidor/api-nycklar/${stored!.id}/aterkalla`, { csrf });
    expect(again.status).toBe(404);
    expect(await again.text()).toContain('Den kan redan vara återkallad.');
    expect((await page(britt, '/mina-sidor/api-nycklar/99999999999999999999/aterkalla')).status).toBe(404);
  });

  it('a create form sent again with the same key per intent makes one key and never shows its secret twice', async () => {
    const csrf = britt.session.csrfToken;
    const key = `intent-${Date.now()}-${'k'.repeat(10)}`;
    const fields = { csrf, nyckel: key, name: 'Dubbelklick' };
    // A double click: both requests at once.
    const answers = await Promise.all([britt.postForm('/mina-sidor/api-nycklar', fields), britt.postForm('/mina-sidor/api-nycklar', fields)]);
    const htmls = await Promise.all(answers.map((r) => r.text()));
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(htmls.filter((t) => t.includes('Din nya API-nyckel'))).toHaveLength(1);
    expect(htmls.filter((t) => t.includes('API-nyckeln är redan skapad'))).toHaveLength(1);
    expect(htmls.join('').match(SECRET)).toHaveLength(1);
    // A reload of the answer later: still the one key.
    const reload = await (await britt.postForm('/mina-sidor/api-nycklar', fields)).text();
    expect(reload).toContain('Formuläret skickades mer än en gång.');
    expect(reload.match(SECRET)).toBeNull();
    expect((await liveKeys(world.britt.id)).filter((k) => k.name === 'Dubbelklick')).toHaveLength(1);
    // A new form (a new key per intent) makes a new key.
    const other = await britt.postForm('/mina-sidor/api-nycklar', { ...fields, nyckel: `${key}-2` });
    expect((await other.text()).match(SECRET)).toHaveLength(1);
    expect((await liveKeys(world.britt.id)).filter((k) => k.name === 'Dubbelklick')).toHaveLength(2);
  });
});
