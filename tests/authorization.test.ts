// Each role against each endpoint, own versus another organisation's cases: every cell asserted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCustomerAccount, upsertOrganisation, upsertStaff } from '../db/people.js';
import { createApiToken } from '../db/tokens.js';
import { organisationsnummer, personnummer, question } from '../scripts/sample-cases.js';
import { type BrowserSession, logInWithELegitimation } from './helpers/browser-session.js';
import { type Harness, startHarness } from './helpers/harness.js';
import { pdfText } from './helpers/pdf-text.js';

const ROLES = ['anonymous', 'person', 'reporter', 'colleague', 'localAdmin', 'outsider', 'outsiderAdmin', 'handler', 'admin'] as const;
type Role = (typeof ROLES)[number];
type Expect = Record<Role, number>;

let h: Harness;
let person: BrowserSession;
const tokens = {} as Record<Role, string>;
const ids = {} as Record<'reporter' | 'colleague' | 'localAdmin' | 'outsider' | 'outsiderAdmin' | 'handler' | 'orgA' | 'orgB', number>;
let caseNumber: string;
let reporterNotification: number;
const serial = Date.now() % 700;
const INTERNAL = `Intern anteckning ${serial}: kunden verkar ha fel kortläsare`;
/** A question whose contact block comes from the caller's own account: each role belongs to its own organisation. */
const ownQuestion = () => {
  const { contact: _, ...rest } = question('');
  return rest;
};

async function call(role: Role, method: string, path: string, body?: unknown) {
  if (role === 'person') return person.api(method, path, { body });
  const res = await h.api(method, path, { token: role === 'anonymous' ? undefined : tokens[role], body });
  return res;
}

/** Runs one endpoint for every role and asserts each cell; returns the responses. */
async function row(label: string, method: string, path: string | ((role: Role) => Promise<string> | string), expected: Expect, body?: unknown) {
  const got = {} as Record<Role, number>;
  const responses = {} as Record<Role, Awaited<ReturnType<typeof call>>>;
  for (const role of ROLES) {
    const res = await call(role, method, typeof path === 'string' ? path : await path(role), body);
    got[role] = res.status;
    responses[role] = res;
  }
  expect(got, `${label}: ${method}`).toEqual(expected);
  return responses;
}

const customers = (status: number, others: Partial<Expect> = {}): Expect => ({
  anonymous: 401,
  person: 403,
  reporter: status,
  colleague: status,
  localAdmin: status,
  outsider: status,
  outsiderAdmin: status,
  handler: 403,
  admin: 403,
  ...others,
});
const staffOnly = (status: number, others: Partial<Expect> = {}): Expect => ({
  anonymous: 401,
  person: 403,
  reporter: 403,
  colleague: 403,
  localAdmin: 403,
  outsider: 403,
  outsiderAdmin: 403,
  handler: status,
  admin: status,
  ...others,
});
/** The case belongs to the reporter in organisation A: only they and A's local administrator see it. */
const ownCase = (status: number) => customers(404, { reporter: status, localAdmin: status });

beforeAll(async () => {
  h = await startHarness();
  ids.orgA = await upsertOrganisation(h.db, { organisationsnummer: organisationsnummer('212001', serial), name: 'Region Alfa', verified: true });
  ids.orgB = await upsertOrganisation(h.db, { organisationsnummer: organisationsnummer('212002', serial), name: 'Kommun Beta', verified: true });
  const account = async (key: keyof typeof ids, org: number, n: number, roles: { canOrder?: boolean; isLocalAdmin?: boolean } = {}) => {
    ids[key] = await upsertCustomerAccount(h.db, h.cipher, {
      organisationId: org,
      personnummer: personnummer('19800101', n),
      name: `${key} Åström`,
      email: `${key}.${serial}@exempel.se`,
      ...roles,
    });
    tokens[key as Role] = await createApiToken(h.db, { customerAccountId: ids[key] }, 'matrix');
  };
  await account('reporter', ids.orgA, 1);
  await account('colleague', ids.orgA, 2);
  await account('localAdmin', ids.orgA, 3, { isLocalAdmin: true });
  await account('outsider', ids.orgB, 4);
  await account('outsiderAdmin', ids.orgB, 5, { isLocalAdmin: true, canOrder: true });
  ids.handler = await upsertStaff(h.db, { name: 'Hanna Matris', email: `hanna.${serial}@kundportal.local`, role: 'handler' });
  tokens.handler = await createApiToken(h.db, { staffId: ids.handler }, 'matrix');
  tokens.admin = await createApiToken(h.db, { staffId: await upsertStaff(h.db, { name: 'Adam Matris', email: `adam.${serial}@kundportal.local`, role: 'admin' }) }, 'matrix');
  person = await logInWithELegitimation(h.baseUrl, { personnummer: personnummer('19991231', serial), method: 'bankid', name: 'Ny Person' });

  const submitted = await h.api('POST', '/api/v1/cases', { token: tokens.reporter, body: { ...ownQuestion(), subject: 'Fråga om åtkomst' } });
  expect(submitted.status).toBe(201);
  caseNumber = submitted.json.caseNumber;
  reporterNotification = (await h.api('GET', '/api/v1/notifications', { token: tokens.reporter })).json.items[0].id;
  expect((await h.staffAction(caseNumber, 'note', { body: INTERNAL })).status).toBe(200);
  expect((await h.staffAction(caseNumber, 'reply', { body: 'Svar till kunden om åtkomst' })).status).toBe(200);
});
afterAll(() => h?.stop());

describe('authorisation matrix', () => {
  it('session, account and contact details', async () => {
    await row('session', 'GET', '/api/v1/session', { ...customers(200), person: 200, handler: 200, admin: 200 });
    // An incomplete form: the person gets the validation error, everyone else is refused before it.
    await row('create account', 'POST', '/api/v1/account', { ...customers(403), person: 400 }, { name: 'X' });
    await row('organisation lookup', 'GET', `/api/v1/organisations/556016-0680`, { ...customers(200), person: 200 });
    await row('me', 'GET', '/api/v1/me', customers(200));
    await row('change me', 'PUT', '/api/v1/me', customers(400), { name: '' });
  });

  it('cases: list, submit, read, PDF, message', async () => {
    await row('Mina sidor', 'GET', '/api/v1/cases', customers(200));
    await row('the organisation’s cases', 'GET', '/api/v1/cases?scope=organisation', customers(403, { localAdmin: 200, outsiderAdmin: 200 }));
    await row('submit a question', 'POST', '/api/v1/cases', customers(201), ownQuestion());
    await row('submit an order', 'POST', '/api/v1/cases', customers(403, { outsiderAdmin: 201 }), {
      ...ownQuestion(),
      type: 'order',
      subject: 'Beställning av tjänst',
    });
    await row('one case', 'GET', `/api/v1/cases/${caseNumber}`, ownCase(200));
    await row('case as PDF', 'GET', `/api/v1/cases/${caseNumber}/pdf`, ownCase(200));
    await row('message', 'POST', `/api/v1/cases/${caseNumber}/messages`, ownCase(200), { body: 'Tack för svaret!' });
    await row('a case that does not exist', 'GET', '/api/v1/cases/KP-1999-99999', customers(404));
  });

  it('withdraw: only who may see the case', async () => {
    const fresh = async () => (await h.api('POST', '/api/v1/cases', { token: tokens.reporter, body: ownQuestion() })).json.caseNumber as string;
    await row('withdraw', 'POST', async (role) => `/api/v1/cases/${['reporter', 'localAdmin'].includes(role) ? await fresh() : caseNumber}/withdraw`, ownCase(200), {});
  });

  it('notifications', async () => {
    await row('list', 'GET', '/api/v1/notifications', customers(200));
    await row('unread count', 'GET', '/api/v1/notifications/unread-count', customers(200));
    await row('mark the reporter’s as read', 'POST', `/api/v1/notifications/${reporterNotification}/read`, customers(404, { reporter: 204 }));
    await row('mark all read', 'POST', '/api/v1/notifications/read-all', customers(204));
  });

  it('organisation and roles', async () => {
    await row('own organisation', 'GET', '/api/v1/organisation', customers(200));
    await row('members', 'GET', '/api/v1/organisation/members', customers(403, { localAdmin: 200, outsiderAdmin: 200 }));
    await row('grant a colleague the right to order', 'PUT', `/api/v1/organisation/members/${ids.colleague}/roles`, customers(403, { localAdmin: 200, outsiderAdmin: 404 }), {
      canOrder: false,
    });
  });

  it('API tokens', async () => {
    await row('list', 'GET', '/api/v1/tokens', customers(200, { handler: 200, admin: 200 }));
    await row('create', 'POST', '/api/v1/tokens', customers(201, { handler: 201, admin: 201 }), { name: 'Integration' });
    const spare = (await h.api('POST', '/api/v1/tokens', { token: tokens.reporter, body: { name: 'Reserv' } })).json;
    await row('revoke the reporter’s token', 'DELETE', `/api/v1/tokens/${spare.id}`, customers(404, { reporter: 204, handler: 404, admin: 404 }));
    expect((await h.api('GET', '/api/v1/me', { token: spare.token })).status).toBe(401);
  });

  it('staff endpoints', async () => {
    await row('staff case', 'GET', `/api/v1/staff/cases/${caseNumber}`, staffOnly(200));
    await row('staff note', 'POST', `/api/v1/staff/cases/${caseNumber}/actions/note`, staffOnly(200), { body: 'Ännu en intern anteckning' });
    await row('back-office queue', 'GET', '/api/admin/cases', staffOnly(200));
    await row('verify an organisation', 'PUT', `/api/admin/organisations/${ids.orgB}`, staffOnly(403, { admin: 200 }), { verified: true });
    await row('staff list', 'GET', '/api/admin/staff', staffOnly(200));
    await row('change staff', 'PUT', `/api/admin/staff/${ids.handler}`, staffOnly(403, { admin: 200 }), { name: 'Hanna Matris' });
    await row('service-level targets', 'GET', '/api/admin/service-levels', staffOnly(403, { admin: 200 }));
    await row('import earlier accounts (a dry run)', 'POST', '/api/admin/account-import', staffOnly(403, { admin: 200 }), {
      accounts: 'namn;e-post;organisationsnummer\n',
      dryRun: true,
      skipBadLines: false,
    });
    await row('change service-level targets', 'PUT', '/api/admin/service-levels/other', staffOnly(403, { admin: 200 }), {
      firstResponseMinutes: 420,
      resolutionMinutes: 2100,
      reminderAfterDays: 5,
      autoCloseAfterDays: 10,
    });
  });

  it('an internal note never reaches a customer: not in the case, the PDF or any e-mail', async () => {
    const view = await h.api('GET', `/api/v1/cases/${caseNumber}`, { token: tokens.reporter });
    expect(JSON.stringify(view.json)).not.toContain('Intern anteckning');
    expect(view.json.timeline.some((e: { message?: { body: string } }) => e.message?.body === 'Svar till kunden om åtkomst')).toBe(true);
    const asAdmin = await h.api('GET', `/api/v1/cases/${caseNumber}`, { token: tokens.localAdmin });
    expect(JSON.stringify(asAdmin.json)).not.toContain('Intern anteckning');
    const pdf = await fetch(`${h.baseUrl}/api/v1/cases/${caseNumber}/pdf`, { headers: { Authorization: `Bearer ${tokens.reporter}` } });
    const text = await pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('Svar till kunden om åtkomst');
    expect(text).not.toContain('Intern anteckning');
    const mails = await h.mailsTo(`reporter.${serial}@exempel.se`, 2);
    for (const m of mails) expect(`${m.subject} ${m.text} ${m.html}`).not.toContain('kortläsare');
    // Staff do see it.
    const staffView = await h.api('GET', `/api/v1/staff/cases/${caseNumber}`, { token: tokens.handler });
    expect(JSON.stringify(staffView.json)).toContain(INTERNAL);
  });
});
