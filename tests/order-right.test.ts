// The right to order: refused without it, accepted once the organisation's local administrator grants it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { upsertCustomerAccount, upsertOrganisation } from '../db/people.js';
import { createApiToken } from '../db/tokens.js';
import { ORDER_RIGHT_REQUIRED } from '../domain/index.js';
import { organisationsnummer, personnummer, sithsOrder } from '../scripts/sample-cases.js';
import { logInWithELegitimation } from './helpers/browser-session.js';
import { type Harness, startHarness } from './helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

it('an order is refused without the right and accepted after the local administrator grants it', async () => {
  const orgId = await upsertOrganisation(h.db, { organisationsnummer: organisationsnummer('212003'), name: 'Region Gamma', verified: true });
  const ordererPnr = personnummer('19881212', 11);
  const ordererId = await upsertCustomerAccount(h.db, h.cipher, { organisationId: orgId, personnummer: ordererPnr, name: 'Örjan Beställare', email: 'orjan@gamma.se' });
  const orderer = await createApiToken(h.db, { customerAccountId: ordererId }, 'test');
  const adminPnr = personnummer('19770707', 12);
  const adminId = await upsertCustomerAccount(h.db, h.cipher, { organisationId: orgId, personnummer: adminPnr, name: 'Lena Lokaladmin', email: 'lena@gamma.se', isLocalAdmin: true });

  // The contact block comes from Örjan's account, whose organisation is Region Gamma.
  const { contact: _, ...order } = sithsOrder('orjan@gamma.se', 2);
  const before = await h.api('POST', '/api/v1/cases', { token: orderer, body: order });
  expect(before.status).toBe(403);
  expect(before.headers.get('content-type')).toBe('application/problem+json');
  expect(before.json).toMatchObject({ status: 403, title: 'Behörighet saknas', detail: ORDER_RIGHT_REQUIRED });
  expect(await h.db.selectFrom('cases').select('id').where('reporterId', '=', ordererId).execute()).toEqual([]);
  // A question needs no right.
  const question = await h.api('POST', '/api/v1/cases', { token: orderer, body: { type: 'question', subject: 'Hur beställer vi?', description: 'Vem ger oss rätten att beställa?' } });
  expect(question.status).toBe(201);

  // The local administrator logs in with e-legitimation and grants the right.
  const lena = await logInWithELegitimation(h.baseUrl, { personnummer: adminPnr, method: 'bankid' });
  const members = await lena.api('GET', '/api/v1/organisation/members');
  expect(members.json.map((m: { name: string }) => m.name).sort()).toEqual(['Lena Lokaladmin', 'Örjan Beställare']);
  const granted = await lena.api('PUT', `/api/v1/organisation/members/${ordererId}/roles`, { body: { canOrder: true } });
  expect(granted.status).toBe(200);
  expect(granted.json.roles).toEqual({ canOrder: true, isLocalAdmin: false });

  const after = await h.api('POST', '/api/v1/cases', { token: orderer, body: order });
  expect(after.status).toBe(201);
  expect(after.json.caseNumber).toMatch(/^KP-\d{4}-\d{5}$/);

  // Revoked again: refused again.
  await lena.api('PUT', `/api/v1/organisation/members/${ordererId}/roles`, { body: { canOrder: false } });
  expect((await h.api('POST', '/api/v1/cases', { token: orderer, body: { ...order, subject: 'Fler kort' } })).status).toBe(403);
  // A local administrator cannot drop their own role, nor touch another organisation's people.
  const self = await lena.api('PUT', `/api/v1/organisation/members/${adminId}/roles`, { body: { isLocalAdmin: false } });
  expect(self.status).toBe(400);
  expect(self.json.errors[0].field).toBe('isLocalAdmin');
  expect((await lena.api('PUT', `/api/v1/organisation/members/${h.accountId}/roles`, { body: { canOrder: true } })).status).toBe(404);
});

it('a case without a contact block is prefilled from Mina uppgifter', async () => {
  const created = await h.api('POST', '/api/v1/cases', {
    token: h.customerToken,
    body: { type: 'fault_report', subject: 'Kortläsaren fungerar inte', description: 'Läsaren blinkar rött.' },
  });
  expect(created.status).toBe(201);
  const view = await h.api('GET', `/api/v1/cases/${created.json.caseNumber}`, { token: h.customerToken });
  expect(view.json.submission.contact).toMatchObject({ name: 'Åsa Öberg', email: h.customerEmail, organisationName: 'Region Exempel', personnummer: '19850709-****' });
});
