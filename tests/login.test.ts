// The whole e-legitimation login over HTTP against the local identity provider (authorization code
// with PKCE): a new person creates an account and registers their organisation, staff verify it,
// and a returning person comes straight back to their account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertStaff } from '../db/people.js';
import { organisationsnummer, personnummer } from '../scripts/sample-cases.js';
import { logInWithELegitimation } from './helpers/browser-session.js';
import { type Harness, startHarness } from './helpers/harness.js';

let h: Harness;
// A fresh person and organisation per run: several runs may share a database.
const serial = 100 + (Date.now() % 800);
const newPerson = { personnummer: personnummer('19920314', serial), method: 'freja' as const, name: 'Nils Nyström' };
const newOrgNumber = String(212000 + (Date.now() % 999));
const admin = { personnummer: personnummer('19700621', serial), method: 'siths' as const, name: 'Adam Administratör' };

beforeAll(async () => {
  h = await startHarness();
  await upsertStaff(h.db, { name: admin.name, email: `adam.${serial}@kundportal.local`, role: 'admin' }, { cipher: h.cipher, personnummer: admin.personnummer });
});
afterAll(() => h?.stop());

describe('login with e-legitimation', () => {
  it('a new person logs in, creates an account and registers their organisation; staff verify it', async () => {
    const orgNumber = organisationsnummer(newOrgNumber);
    const nils = await logInWithELegitimation(h.baseUrl, newPerson);
    expect(nils.landed).toMatchObject({ status: 302, location: '/mina-sidor' });
    const cookie = nils.jar.header(`${h.baseUrl}/`)!;
    expect(cookie).toMatch(/kp_session=/);
    expect(nils.session).toMatchObject({ kind: 'person', name: 'Nils Nyström', needsAccount: true, authMethod: 'freja' });
    expect(nils.session.csrfToken).toMatch(/^[\w-]{40,}$/);

    // Without an account a person can do nothing else.
    expect((await nils.api('GET', '/api/v1/cases')).status).toBe(403);
    expect((await nils.api('GET', `/api/v1/organisations/${orgNumber}`)).status).toBe(404);

    const form = { organisationsnummer: orgNumber, unitName: 'Vårdcentralen Åby', name: 'Nils Nyström', email: `nils.${serial}@exempel.se`, notifyByEmail: true, confirmed: true };
    // A write without the CSRF header is refused and creates nothing.
    expect((await nils.api('POST', '/api/v1/account', { body: form, csrf: false })).status).toBe(403);
    // The organisation is unknown: the form must name it to register it.
    const unknown = await nils.api('POST', '/api/v1/account', { body: form });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors).toEqual([{ field: 'organisationName', message: expect.stringContaining('inte registrerad') }]);
    const unconfirmed = await nils.api('POST', '/api/v1/account', { body: { ...form, organisationName: 'Region Nyby', confirmed: false } });
    expect(unconfirmed.json.errors).toEqual([{ field: 'confirmed', message: 'Bekräfta att uppgifterna är korrekta' }]);

    const created = await nils.api('POST', '/api/v1/account', { body: { ...form, organisationName: 'Region Nyby' } });
    expect(created.status).toBe(201);
    expect(created.json.organisationRegistered).toBe(true);
    const again = await nils.api('POST', '/api/v1/account', { body: { ...form, organisationName: 'Region Nyby' } });
    expect(again.status).toBe(403); // the session is a customer's now

    const session = (await nils.api('GET', '/api/v1/session')).json;
    expect(session).toMatchObject({ kind: 'customer', organisation: { name: 'Region Nyby', verified: false }, roles: { canOrder: false, isLocalAdmin: false } });
    const me = (await nils.api('GET', '/api/v1/me')).json;
    expect(me).toMatchObject({ name: 'Nils Nyström', unitName: 'Vårdcentralen Åby', personnummer: newPerson.personnummer, notifyByEmail: true });
    // Unverified: no local administrator yet, so nobody manages members.
    expect((await nils.api('GET', '/api/v1/organisation/members')).status).toBe(403);

    // An administrator logs in to the back office and verifies the organisation.
    const adam = await logInWithELegitimation(h.baseUrl, admin, 'staff');
    expect(adam.landed).toMatchObject({ status: 302, location: '/admin/' });
    expect(adam.session).toMatchObject({ kind: 'staff', role: 'admin' });
    const verified = await adam.api('PUT', `/api/admin/organisations/${created.json.organisationId}`, { body: { verified: true } });
    expect(verified.status).toBe(200);
    expect(verified.json.verified).toBe(true);

    // The registrant is now the organisation's local administrator.
    expect((await nils.api('GET', '/api/v1/session')).json).toMatchObject({ organisation: { verified: true }, roles: { isLocalAdmin: true } });
    const members = await nils.api('GET', '/api/v1/organisation/members');
    expect(members.status).toBe(200);
    expect(members.json).toEqual([expect.objectContaining({ name: 'Nils Nyström', roles: { canOrder: false, isLocalAdmin: true } })]);
  });

  it('a returning person comes straight back to their account, and every login gets a new session', async () => {
    const first = await logInWithELegitimation(h.baseUrl, { ...newPerson, method: 'bankid' });
    expect(first.session).toMatchObject({ kind: 'customer', name: 'Nils Nyström', authMethod: 'bankid' });
    const second = await logInWithELegitimation(h.baseUrl, { ...newPerson, method: 'siths' });
    expect(second.jar.header(`${h.baseUrl}/`)).not.toBe(first.jar.header(`${h.baseUrl}/`));
    expect((await second.api('GET', '/api/v1/me')).json.name).toBe('Nils Nyström');
  });

  it('logout ends the session; an expired session is refused', async () => {
    const s = await logInWithELegitimation(h.baseUrl, newPerson);
    expect((await s.api('POST', '/auth/logout', { csrf: false })).status).toBe(403);
    expect((await s.api('POST', '/auth/logout')).status).toBe(204);
    expect((await s.api('GET', '/api/v1/session')).status).toBe(401);

    const t = await logInWithELegitimation(h.baseUrl, newPerson);
    await h.db.updateTable('sessions').set({ lastSeenAt: new Date(Date.now() - 2 * 3600_000) }).where('personnummerHash', '=', h.cipher.hash(newPerson.personnummer)).execute();
    expect((await t.api('GET', '/api/v1/me')).status).toBe(401);
    // The next login sweeps ended sessions away.
    await logInWithELegitimation(h.baseUrl, newPerson);
    const ended = await h.db
      .selectFrom('sessions')
      .select('idHash')
      .where('personnummerHash', '=', h.cipher.hash(newPerson.personnummer))
      .where('lastSeenAt', '<', new Date(Date.now() - 3600_000))
      .execute();
    expect(ended).toEqual([]);
  });

  it('the session cookie is HttpOnly with SameSite, and sessions store no personnummer in clear', async () => {
    const s = await logInWithELegitimation(h.baseUrl, newPerson);
    expect(s.session.kind).toBe('customer');
    const rows = await h.db.selectFrom('sessions').selectAll().execute();
    for (const row of rows) expect(JSON.stringify(row)).not.toContain(newPerson.personnummer);
    // Re-run the callback step by hand to read the Set-Cookie attributes.
    const start = await fetch(`${h.baseUrl}/auth/login`, { redirect: 'manual' });
    const loginCookie = start.headers.getSetCookie()[0]!;
    expect(loginCookie).toMatch(/HttpOnly/i);
    const { signInAtDevIdp } = await import('../idp/dev-login.js');
    const callback = await signInAtDevIdp(start.headers.get('location')!, newPerson);
    const landed = await fetch(callback, { redirect: 'manual', headers: { cookie: loginCookie.split(';')[0]! } });
    const sessionCookie = landed.headers.getSetCookie().find((c) => c.startsWith('kp_session='))!;
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Lax/i);
    expect(sessionCookie).toMatch(/Max-Age=\d+/i);
    // The same callback again (a replay) finds no login in progress.
    const replay = await fetch(callback, { redirect: 'manual', headers: { cookie: loginCookie.split(';')[0]! } });
    expect(replay.status).toBe(400);
  });

  it('a callback from another browser, or an aborted login, does not log anyone in', async () => {
    const start = await fetch(`${h.baseUrl}/auth/login`, { redirect: 'manual' });
    const { signInAtDevIdp } = await import('../idp/dev-login.js');
    const callback = await signInAtDevIdp(start.headers.get('location')!, newPerson);
    // No kp_login cookie: this is not the browser that started the login.
    const elsewhere = await fetch(callback, { redirect: 'manual' });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.headers.getSetCookie().some((c) => c.startsWith('kp_session='))).toBe(false);
    expect(await elsewhere.text()).toContain('Inloggningen gick inte att slutföra');
  });

  it('staff login refuses a person who is not staff, and customers cannot use staff endpoints', async () => {
    const s = await logInWithELegitimation(h.baseUrl, newPerson, 'staff');
    expect(s.landed.status).toBe(403);
    expect(s.landed.html).toContain('Åtkomst nekad');
    expect(s.jar.header(`${h.baseUrl}/`) ?? '').not.toContain('kp_session');
  });

  it('an open redirect is refused: returnTo must be a path on this site', async () => {
    for (const returnTo of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
      const start = await fetch(`${h.baseUrl}/auth/login?returnTo=${encodeURIComponent(returnTo)}`, { redirect: 'manual' });
      const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
      const row = await h.db.selectFrom('login_requests').select('returnTo').where('state', '=', state).executeTakeFirstOrThrow();
      expect(row.returnTo).toBe('/mina-sidor');
    }
  });
});
