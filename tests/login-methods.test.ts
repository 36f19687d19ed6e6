// Login methods per step (services/login-methods.ts): by default every e-legitimation may log in, but
// SITHS eID may neither create an account nor verify an earlier one. Refused there, with the seed's
// explanation and ways to log in again, on the page and in the JSON API; allowed everywhere else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { personnummer } from '../scripts/sample-cases.js';
import { logInWithELegitimation } from './helpers/browser-session.js';
import { type Harness, startHarness } from './helpers/harness.js';
import { loginableCustomer } from './helpers/portal-customer.js';

const VERIFY_REFUSED = 'Just nu går det inte att verifiera konto med SITHS eID. Använd Bank-id eller Freja e-id för att verifiera ditt konto.';
const CREATE_REFUSED = 'Observera att det inte går att skapa konto med SITHS eID just nu.';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

const newPerson = (method: 'bankid' | 'freja' | 'siths') => ({ personnummer: personnummer('19810412', 100 + Math.floor(Math.random() * 800)), method, name: 'Stina Sithsson' });
const accountFields = () => ({
  organisationsnummer: '556016-0680',
  name: 'Stina Sithsson',
  email: `stina.${Date.now()}.${Math.floor(Math.random() * 1000)}@exempel.se`,
  notifyByEmail: true,
  confirmed: true,
});
const accountsOf = (pnr: string) => h.db.selectFrom('customer_accounts').select('id').where('personnummerHash', '=', h.cipher.hash(pnr)).execute();

describe('login methods per step', () => {
  it('the start page shows the seed explanations and every method may log in', async () => {
    const html = await (await fetch(`${h.baseUrl}/`)).text();
    expect(html).toContain(VERIFY_REFUSED);
    expect(html).toContain(CREATE_REFUSED);
    for (const m of ['bankid', 'freja', 'siths']) expect(html).toContain(`href="/auth/login?returnTo=%2Fmina-sidor&amp;method=${m}"`);
  });

  it('SITHS eID logs in, but may neither create an account nor verify one: refused with the explanation, nothing written', async () => {
    const who = newPerson('siths');
    const person = await logInWithELegitimation(h.baseUrl, who);
    expect(person.landed.status).toBe(302);
    expect(person.session.kind).toBe('person');
    expect((await person.send('GET', '/mina-sidor')).headers.get('location')).toBe('/valj-konto');

    const choice = await person.send('GET', '/valj-konto');
    const choiceHtml = await choice.text();
    expect(choice.status).toBe(200);
    expect(choiceHtml).toContain(VERIFY_REFUSED);
    expect(choiceHtml).toContain(CREATE_REFUSED);
    expect(choiceHtml).not.toContain('href="/skapa-konto"');
    expect(choiceHtml).not.toContain('href="/verifiera-konto"');
    expect(choiceHtml).toContain('href="/auth/login?returnTo=%2Fvalj-konto&amp;method=bankid"');
    expect(choiceHtml).toContain('href="/auth/login?returnTo=%2Fvalj-konto&amp;method=freja"');

    const form = await person.send('GET', '/skapa-konto');
    const formHtml = await form.text();
    expect(form.status).toBe(403);
    expect(formHtml).toContain(CREATE_REFUSED);
    expect(formHtml).toContain('href="/auth/login?returnTo=%2Fskapa-konto&amp;method=freja"');
    expect(formHtml).not.toContain('<form method="post" action="/skapa-konto"');

    const fields = accountFields();
    const formFields = { organisationsnummer: fields.organisationsnummer, name: fields.name, email: fields.email, notifyByEmail: 'ja', confirmed: 'ja' };
    const posted = await person.postForm('/skapa-konto', { csrf: person.session.csrfToken, ...formFields });
    expect(posted.status).toBe(403);
    expect(await posted.text()).toContain(CREATE_REFUSED);

    const api = await person.api('POST', '/api/v1/account', { body: fields });
    expect(api.status).toBe(403);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect(api.json.detail).toContain(CREATE_REFUSED);
    expect(api.json.type).toBe('https://kundportal.se/problems/login-method-not-allowed');
    expect(await accountsOf(who.personnummer)).toEqual([]);

    const verify = await person.send('GET', '/verifiera-konto');
    expect(verify.status).toBe(403);
    expect(await verify.text()).toContain(VERIFY_REFUSED);
  });

  it('the same steps are allowed with Freja e-id, and a customer with an account logs in with SITHS eID', async () => {
    const freja = await logInWithELegitimation(h.baseUrl, newPerson('freja'));
    const choiceHtml = await (await freja.send('GET', '/valj-konto')).text();
    expect(choiceHtml).toContain('href="/skapa-konto"');
    expect(choiceHtml).toContain('href="/verifiera-konto"');
    expect(choiceHtml).not.toContain(CREATE_REFUSED);
    expect((await freja.send('GET', '/skapa-konto')).status).toBe(200);
    expect((await freja.send('GET', '/verifiera-konto')).status).toBe(200);
    const created = await freja.api('POST', '/api/v1/account', { body: accountFields() });
    expect(created.status).toBe(201);

    const customer = await logInWithELegitimation(h.baseUrl, { ...(await loginableCustomer(h, '19850709')), method: 'siths' });
    expect(customer.session.kind).toBe('customer');
    expect((await customer.send('GET', '/mina-sidor')).status).toBe(200);
  });

  it('a configured rule changes the steps and the words: SITHS eID not allowed to log in, allowed to create an account', async () => {
    h.apiDeps.loginMethods = { login: ['bankid', 'freja'], create_account: ['bankid', 'freja', 'siths'], verify_account: ['bankid', 'freja'] };
    try {
      const start = await (await fetch(`${h.baseUrl}/`)).text();
      expect(start).not.toContain('method=siths');
      expect(start).not.toContain(CREATE_REFUSED);
      expect(start).toContain('Just nu går det inte att logga in med SITHS eID. Använd Bank-id eller Freja e-id för att logga in.');

      const who = newPerson('siths');
      const refused = await logInWithELegitimation(h.baseUrl, who);
      expect(refused.landed.status).toBe(403);
      expect(refused.landed.html).toContain('Just nu går det inte att logga in med SITHS eID.');
      expect((await refused.api('GET', '/api/v1/session')).status).toBe(401);
      expect((await logInWithELegitimation(h.baseUrl, { ...who, method: 'bankid' })).session.kind).toBe('person');
    } finally {
      delete h.apiDeps.loginMethods;
    }
  });

  it('the rule comes from the environment, and a misspelt method stops the start', () => {
    expect(loadConfig({}).loginMethods).toEqual({ login: ['bankid', 'freja', 'siths'], create_account: ['bankid', 'freja'], verify_account: ['bankid', 'freja'] });
    expect(loadConfig({ LOGIN_METHODS_VERIFY_ACCOUNT: 'bankid, freja, siths' }).loginMethods.verify_account).toEqual(['bankid', 'freja', 'siths']);
    expect(() => loadConfig({ LOGIN_METHODS_LOGIN: 'bankid,mobilt-bankid' })).toThrow();
  });
});
