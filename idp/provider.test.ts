// The local e-legitimation provider, started for real and used by openid-client as the portal will.
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personnummer as makePersonnummer } from '../scripts/sample-cases.js';
import { browseDevIdp, DevIdpCookieJar, formsOf, openDevIdpLoginPage, signInAtDevIdp } from './dev-login.js';
import { startDevIdp, subjectFor, type DevIdp } from './provider.js';
import { testCustomers, testPersons, testStaff } from './test-persons.js';

const CLIENT_ID = 'kundportal-test';
const CLIENT_SECRET = 'kundportal-test-secret';
const REDIRECT_URI = 'http://localhost:3000/auth/callback';
const STAFF_REDIRECT_URI = 'http://localhost:3000/auth/staff/callback';

const [asa, nils] = testCustomers;
const [hanna] = testStaff;

let idp: DevIdp;
let config: client.Configuration;

beforeAll(async () => {
  idp = await startDevIdp({
    port: 0,
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [REDIRECT_URI, STAFF_REDIRECT_URI] }],
  });
  config = await client.discovery(new URL(idp.issuer), CLIENT_ID, CLIENT_SECRET, undefined, {
    execute: [client.allowInsecureRequests],
  });
});

afterAll(async () => {
  await idp?.close();
});

async function startLogin(cfg = config, redirectUri = REDIRECT_URI, extra: Record<string, string> = {}) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(cfg, {
    redirect_uri: redirectUri,
    scope: 'openid profile',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  });
  return { url: url.href, verifier, state, nonce };
}

async function claimsAfterLogin(who: Parameters<typeof signInAtDevIdp>[1], cfg = config) {
  const login = await startLogin(cfg);
  const callback = await signInAtDevIdp(login.url, who);
  const tokens = await client.authorizationCodeGrant(cfg, new URL(callback), {
    pkceCodeVerifier: login.verifier,
    expectedState: login.state,
    expectedNonce: login.nonce,
    idTokenExpected: true,
  });
  return tokens.claims()!;
}

describe('local e-legitimation provider', () => {
  it('is discoverable with code flow, S256 PKCE and both secret methods', () => {
    const meta = config.serverMetadata();
    expect(meta.issuer).toBe(idp.issuer);
    expect(idp.issuer).toBe(`http://127.0.0.1:${idp.port}`);
    expect(meta.response_types_supported).toEqual(['code']);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile']));
    expect(meta.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(['client_secret_basic', 'client_secret_post']));
    expect(meta.claims_supported).toEqual(expect.arrayContaining(['personnummer', 'auth_method', 'amr', 'name', 'given_name', 'family_name']));
  });

  it.each(['bankid', 'freja', 'siths'] as const)('puts the person and the method %s in the ID token', async (method) => {
    const claims = await claimsAfterLogin({ personnummer: asa.personnummer, method });
    expect(claims).toMatchObject({
      iss: idp.issuer,
      aud: CLIENT_ID,
      personnummer: '198507099805',
      name: 'Åsa Öberg',
      given_name: 'Åsa',
      family_name: 'Öberg',
      auth_method: method,
      amr: [method],
    });
    expect(claims.sub).toBe(subjectFor('198507099805'));
    expect(claims.sub).not.toContain('198507099805');
    expect(claims.sub).not.toContain('8507099805');
  });

  it('accepts client_secret_basic as well', async () => {
    const basic = await client.discovery(new URL(idp.issuer), CLIENT_ID, undefined, client.ClientSecretBasic(CLIENT_SECRET), {
      execute: [client.allowInsecureRequests],
    });
    const claims = await claimsAfterLogin({ personnummer: hanna.personnummer, method: 'siths' }, basic);
    expect(claims).toMatchObject({ personnummer: hanna.personnummer, name: 'Hanna Handläggare', auth_method: 'siths' });
  });

  it('accepts a 10-digit personnummer with a dash and a typed name', async () => {
    const claims = await claimsAfterLogin({ personnummer: '920314-9811', method: 'freja', name: 'Nils Testsson Nyström' });
    expect(claims).toMatchObject({
      personnummer: nils.personnummer,
      name: 'Nils Testsson Nyström',
      given_name: 'Nils Testsson',
      family_name: 'Nyström',
      auth_method: 'freja',
    });
    expect(claims.sub).toBe(subjectFor(nils.personnummer));
  });

  it('names an unknown person Testperson with the last four digits masked', async () => {
    const stranger = makePersonnummer('19900101', 987);
    const claims = await claimsAfterLogin({ personnummer: stranger, method: 'bankid' });
    expect(claims).toMatchObject({ personnummer: stranger, name: 'Testperson 19900101-****' });
    expect(String(claims.name)).not.toContain(stranger.slice(8));
  });

  it('refuses a wrong PKCE verifier', async () => {
    const login = await startLogin();
    const callback = await signInAtDevIdp(login.url, { personnummer: asa.personnummer, method: 'bankid' });
    const refused = await client
      .authorizationCodeGrant(config, new URL(callback), {
        pkceCodeVerifier: client.randomPKCECodeVerifier(),
        expectedState: login.state,
        expectedNonce: login.nonce,
      })
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(refused).toBeInstanceOf(client.ResponseBodyError);
    expect((refused as client.ResponseBodyError).error).toBe('invalid_grant');
  });

  it('requires PKCE', async () => {
    const url = client.buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, scope: 'openid profile', state: 'abc' });
    const step = await browseDevIdp(new DevIdpCookieJar(), url.href, new URL(idp.issuer).origin);
    expect(step.kind).toBe('redirect');
    const back = new URL(step.kind === 'redirect' ? step.url : '');
    expect(back.origin + back.pathname).toBe(REDIRECT_URI);
    expect(back.searchParams.get('error')).toBe('invalid_request');
  });

  it('shows a Swedish, self-contained login page with the three methods and the test persons', async () => {
    const page = await openDevIdpLoginPage((await startLogin()).url);
    const html = page.html;
    expect(html).toContain('<html lang="sv">');
    expect(html).toMatch(/<h1>Logga in med e-legitimation<\/h1>/);
    for (const [value, label] of [
      ['bankid', 'BankID'],
      ['freja', 'Freja eID'],
      ['siths', 'SITHS eID'],
    ]) {
      expect(html).toMatch(new RegExp(`<label><input type="radio" id="method-${value}" name="method" value="${value}"[^>]*> ${label}</label>`));
    }
    expect(html).toMatch(/<input type="radio" id="method-bankid" name="method" value="bankid" checked>/);
    expect(html).toContain('<label for="personnummer">Personnummer</label>');
    expect(html).toContain('<label for="name">Namn');
    for (const person of testPersons) expect(html).toContain(`name="person" value="${person.personnummer}"`);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);
    expect(html).not.toMatch(/\b(src|href)="https?:/i);

    const [form] = formsOf(html, page.url);
    expect(form?.buttons.map((b) => b.text)).toEqual(
      expect.arrayContaining(['Logga in', 'Avbryt', 'Logga in som Åsa Öberg Kund, 19850709-9805', 'Logga in som Adam Administratör Administratör, 19700621-9831']),
    );
  });

  it('logs in with a test person button and the chosen method', async () => {
    const login = await startLogin(config, STAFF_REDIRECT_URI);
    const page = await openDevIdpLoginPage(login.url);
    const [form] = formsOf(page.html, page.url);
    const fields = new URLSearchParams({ method: 'siths', personnummer: '', name: '', person: hanna.personnummer });
    const step = await browseDevIdp(page.jar, form!.action, page.idpOrigin, { method: 'POST', form: fields });
    expect(step.kind).toBe('redirect');
    const tokens = await client.authorizationCodeGrant(config, new URL(step.kind === 'redirect' ? step.url : ''), {
      pkceCodeVerifier: login.verifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
    });
    expect(tokens.claims()).toMatchObject({ personnummer: hanna.personnummer, name: 'Hanna Handläggare', auth_method: 'siths' });
  });

  it('answers an invalid personnummer with 400 and a Swedish error next to the field', async () => {
    const page = await openDevIdpLoginPage((await startLogin()).url);
    const [form] = formsOf(page.html, page.url);
    const fields = new URLSearchParams({ method: 'freja', personnummer: '19850709-9806', name: '<b>Åsa</b>' });
    const step = await browseDevIdp(page.jar, form!.action, page.idpOrigin, { method: 'POST', form: fields });
    expect(step.kind).toBe('page');
    if (step.kind !== 'page') return;
    expect(step.status).toBe(400);
    expect(step.html).toContain('<span class="error" id="personnummer-error">Ogiltigt personnummer.');
    expect(step.html).toMatch(/id="personnummer"[^>]*aria-describedby="personnummer-hint personnummer-error" aria-invalid="true"/);
    expect(step.html).toContain('<title>Fel: Logga in med e-legitimation</title>');
    // What was typed comes back, escaped, with the chosen method still selected.
    expect(step.html).toContain('value="&lt;b&gt;Åsa&lt;/b&gt;"');
    expect(step.html).not.toContain('<b>Åsa</b>');
    expect(step.html).toMatch(/value="freja" checked/);

    // The same page accepts a corrected number afterwards.
    const retry = new URLSearchParams({ method: 'freja', personnummer: asa.personnummer, name: '' });
    const ok = await browseDevIdp(page.jar, form!.action, page.idpOrigin, { method: 'POST', form: retry });
    expect(ok.kind).toBe('redirect');

    await expect(signInAtDevIdp((await startLogin()).url, { personnummer: '123', method: 'bankid' })).rejects.toThrow(
      /status 400.*Ogiltigt personnummer/,
    );
  });

  it('"Avbryt" returns access_denied to the redirect_uri', async () => {
    const login = await startLogin();
    const page = await openDevIdpLoginPage(login.url);
    const [form] = formsOf(page.html, page.url);
    const cancel = form!.buttons.find((b) => b.text === 'Avbryt');
    const action = new URL(cancel!.attributes.get('formaction')!, page.url).href;
    const step = await browseDevIdp(page.jar, action, page.idpOrigin, { method: 'POST', form: new URLSearchParams({ method: 'bankid' }) });
    expect(step.kind).toBe('redirect');
    const back = new URL(step.kind === 'redirect' ? step.url : '');
    expect(back.origin + back.pathname).toBe(REDIRECT_URI);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe(login.state);
  });

  it('asks again on every login, so one browser can switch person', async () => {
    const jar = new DevIdpCookieJar();
    const first = await startLogin();
    await signInAtDevIdp(first.url, { personnummer: asa.personnummer, method: 'bankid' }, { jar });
    const second = await startLogin();
    const callback = await signInAtDevIdp(second.url, { personnummer: nils.personnummer, method: 'freja' }, { jar });
    const tokens = await client.authorizationCodeGrant(config, new URL(callback), {
      pkceCodeVerifier: second.verifier,
      expectedState: second.state,
      expectedNonce: second.nonce,
    });
    expect(tokens.claims()).toMatchObject({ personnummer: nils.personnummer, name: 'Nils Nyström', auth_method: 'freja' });
  });

  it('shows a Swedish page for an expired or unknown interaction', async () => {
    const res = await fetch(`${idp.issuer}/interaction/unknown-uid`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Inloggningen har gått ut');
  });
});

describe('test persons', () => {
  it('have valid, distinct personnummer and the staff roles', async () => {
    const { normalisePersonnummer } = await import('../domain/swedish-ids.js');
    for (const p of testPersons) expect(normalisePersonnummer(p.personnummer)).toBe(p.personnummer);
    expect(new Set(testPersons.map((p) => p.personnummer)).size).toBe(testPersons.length);
    expect(testStaff.map((s) => [s.name, s.role, s.email])).toEqual([
      ['Hanna Handläggare', 'handler', 'hanna@kundportal.local'],
      ['Adam Administratör', 'admin', 'adam@kundportal.local'],
    ]);
  });
});
