// The back-office API (/api/admin, react-admin's simple-rest dialect) on real Postgres, Temporal and HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { setMemberRoles } from '../db/accounts.js';
import { PICKUP_OFFICE, personnummer, sithsOrder } from '../scripts/sample-cases.js';
import { type BackOfficeWorld, backOfficeWorld, listPath } from './helpers/back-office.js';
import { type Harness, startHarness } from './helpers/harness.js';

let h: Harness;
let w: BackOfficeWorld;
let countsBefore: Record<string, number>;
/** The world's cases, oldest first: one per queue, and a SITHS order assigned to the second handler. */
const c = { new: '', mine: '', awaiting: '', closed: '', siths: '' };

const ids = (res: { json?: unknown }) => (res.json as Array<{ id: string }>).map((r) => r.id);
const versionOf = async (caseNumber: string) =>
  (await h.db.selectFrom('cases').select('version').where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow()).version;

beforeAll(async () => {
  h = await startHarness();
  w = await backOfficeWorld(h);
  countsBefore = (await w.asAdmin('GET', '/queue-counts')).json;
  await setMemberRoles(h.db, w.organisationId, w.accountId, { canOrder: true });

  // Without a contact block the case is filled in from the registrant's account.
  const submit = async (body: Record<string, unknown>) => {
    const res = await h.api('POST', '/api/v1/cases', { token: w.customerToken, body });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json.caseNumber as string;
  };
  const act = async (caseNumber: string, action: string, body: unknown = {}, as = w.asAdmin) => {
    const res = await as('POST', `/cases/${caseNumber}/actions/${action}`, body);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
  };
  const description = 'Beskrivning av ärendet.';
  c.new = await submit({ type: 'question', subject: `Fråga om kortläsare T${w.tag}`, description });
  c.mine = await submit({ type: 'fault_report', subject: `Fel vid inloggning T${w.tag}`, description });
  c.awaiting = await submit({ type: 'improvement', subject: `Förslag om tidbokning T${w.tag}`, description });
  c.closed = await submit({ type: 'other', subject: `Övrig fråga T${w.tag}`, description });
  const { contact: _, ...order } = sithsOrder('kort@exempel.se', 2);
  c.siths = await submit({ ...order, subject: `Kort till nya läkare T${w.tag}` });
  await act(c.mine, 'take');
  await act(c.awaiting, 'request-info', { body: 'Vilken enhet gäller det?' }, w.asHandler);
  await act(c.closed, 'close', { resolution: 'Besvarat per telefon.' }, w.asHandler);
  await act(c.siths, 'assign', { assigneeId: w.handler.id });
});
afterAll(() => h?.stop());

describe('queues', () => {
  const inWorld = (filter: Record<string, unknown>) => listPath('cases', { ...filter, organisationId: w.organisationId });

  it('each queue holds the right cases, newest first', async () => {
    expect(ids(await w.asAdmin('GET', inWorld({ queue: 'new' })))).toEqual([c.new]);
    expect(ids(await w.asAdmin('GET', inWorld({ queue: 'awaiting' })))).toEqual([c.awaiting]);
    expect(ids(await w.asAdmin('GET', inWorld({ queue: 'open' })))).toEqual([c.siths, c.awaiting, c.mine, c.new]);
    expect(ids(await w.asAdmin('GET', inWorld({ queue: 'closed' })))).toEqual([c.closed]);
    // "Mine" is the caller's: the administrator took one case, the second handler was assigned another.
    expect(ids(await w.asAdmin('GET', listPath('cases', { queue: 'mine' })))).toEqual([c.mine]);
    expect(ids(await w.asHandler('GET', listPath('cases', { queue: 'mine' })))).toEqual([c.siths]);
  });

  it('counts every queue for the menu', async () => {
    const counts = (await w.asAdmin('GET', '/queue-counts')).json;
    expect(counts).toEqual({
      new: countsBefore.new! + 1,
      mine: 1,
      awaiting: countsBefore.awaiting! + 1,
      open: countsBefore.open! + 4,
      closed: countsBefore.closed! + 1,
      undelivered: countsBefore.undelivered!,
      overdue: countsBefore.overdue!,
      newCapped: false,
      mineCapped: false,
      awaitingCapped: false,
      openCapped: false,
      closedCapped: false,
      undeliveredCapped: false,
      overdueCapped: false,
    });
  });

  it('answers a bare array of list items with Content-Range', async () => {
    const res = await w.asHandler('GET', inWorld({}));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-range')).toBe('cases 0-4/5');
    const item = res.json.find((r: { id: string }) => r.id === c.siths);
    expect(item).toEqual({
      id: c.siths,
      caseNumber: c.siths,
      type: 'siths_order',
      typeLabel: 'Beställning av SITHS-kort',
      status: 'in_progress',
      statusLabel: 'Under behandling',
      subject: `Kort till nya läkare T${w.tag}`,
      organisationId: w.organisationId,
      organisationName: w.organisationName,
      assigneeId: w.handler.id,
      assigneeName: 'Berit Bäck',
      reporterName: 'Rut Registrant',
      imported: false,
      withoutAccount: false,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      // Assigned, not yet answered: both clocks run (tests/service-levels.test.ts checks them in detail).
      slaDueAt: item.serviceLevels.firstResponse.dueAt,
      serviceLevels: {
        firstResponse: expect.objectContaining({ state: 'running', text: expect.stringMatching(/ kvar$/) }),
        resolution: expect.objectContaining({ state: 'running', text: expect.stringMatching(/ kvar$/) }),
      },
    });

    const page = await w.asHandler('GET', listPath('cases', { organisationId: w.organisationId }, { range: [1, 2] }));
    expect(page.headers.get('content-range')).toBe('cases 1-2/5');
    expect(ids(page)).toEqual([c.closed, c.awaiting]);
  });

  it('sorts by age both ways', async () => {
    const desc = ids(await w.asHandler('GET', listPath('cases', { organisationId: w.organisationId }, { sort: ['createdAt', 'DESC'] })));
    const asc = ids(await w.asHandler('GET', listPath('cases', { organisationId: w.organisationId }, { sort: ['createdAt', 'ASC'] })));
    expect(desc).toEqual([c.siths, c.closed, c.awaiting, c.mine, c.new]);
    expect(asc).toEqual([...desc].reverse());
  });

  it('returns the cases asked for by id (getMany)', async () => {
    const res = await w.asHandler('GET', listPath('cases', { id: [c.closed, c.new, 'KP-1999-00001'] }));
    expect(res.status).toBe(200);
    expect(ids(res).sort()).toEqual([c.closed, c.new].sort());
    expect(res.headers.get('content-range')).toBe('cases 0-1/2');
  });
});

describe('filters and search', () => {
  const inWorld = (filter: Record<string, unknown>) => listPath('cases', { ...filter, organisationId: w.organisationId });

  it('filters by type, status, organisation and assignee', async () => {
    expect(ids(await w.asHandler('GET', inWorld({ type: 'siths_order' })))).toEqual([c.siths]);
    expect(ids(await w.asHandler('GET', inWorld({ status: 'in_progress' })))).toEqual([c.siths, c.mine]);
    expect(ids(await w.asHandler('GET', listPath('cases', { organisationId: String(w.organisationId) })))).toHaveLength(5);
    expect(ids(await w.asHandler('GET', listPath('cases', { assigneeId: w.handler.id })))).toEqual([c.siths]);
    expect(ids(await w.asHandler('GET', listPath('cases', { assigneeId: w.admin.id, queue: 'closed' })))).toEqual([]);
  });

  it('searches subjects, organisation names and case numbers, in any letter case', async () => {
    expect(ids(await w.asHandler('GET', listPath('cases', { q: `kortläsare T${w.tag}` })))).toEqual([c.new]);
    expect(ids(await w.asHandler('GET', listPath('cases', { q: `KORTLÄSARE t${w.tag}` })))).toEqual([c.new]);
    expect(ids(await w.asHandler('GET', listPath('cases', { q: `ödemark ${w.tag}` })))).toEqual([c.siths, c.closed, c.awaiting, c.mine, c.new]);
    expect(ids(await w.asHandler('GET', listPath('cases', { q: c.awaiting })))).toEqual([c.awaiting]);
    expect(ids(await w.asHandler('GET', listPath('cases', { q: c.awaiting.toLowerCase() })))).toEqual([c.awaiting]);
    expect(ids(await w.asHandler('GET', listPath('cases', { q: `T${w.tag}`, queue: 'closed' })))).toEqual([c.closed]);
    // LIKE's wildcards are searched for, not obeyed.
    expect(ids(await w.asHandler('GET', listPath('cases', { q: `%${w.tag}_` })))).toEqual([]);
  });
});

describe('the case detail', () => {
  it('has every field of the contract, personnummer in clear and internal notes marked', async () => {
    await w.asAdmin('POST', `/cases/${c.mine}/actions/note`, { body: 'Internt: kolla loggarna.' });
    await w.asAdmin('POST', `/cases/${c.mine}/actions/reply`, { body: 'Vi undersöker felet.' });
    const res = await w.asHandler('GET', `/cases/${c.mine}`);
    expect(res.status).toBe(200);
    const d = res.json;
    expect(Object.keys(d).sort()).toEqual(
      [
        'id', 'caseNumber', 'type', 'typeLabel', 'status', 'statusLabel', 'subject', 'organisationId', 'organisationName',
        'assigneeId', 'assigneeName', 'reporterName', 'createdAt', 'updatedAt', 'version', 'resolution', 'closedAt',
        'submission', 'timeline', 'temporalUrl', 'actions', 'undeliveredEmail', 'slaDueAt', 'serviceLevels', 'withoutAccount', 'imported', 'serviceLevelEvents',
      ].sort(),
    );
    expect(d).toMatchObject({
      id: c.mine,
      type: 'fault_report',
      typeLabel: 'Felanmälan',
      status: 'in_progress',
      assigneeId: w.admin.id,
      assigneeName: 'Ada Administratör',
      reporterName: 'Rut Registrant',
      version: 4,
      resolution: null,
      closedAt: null,
      undeliveredEmail: null,
      // The workflow id is the case number, with a random part since issue 12.
      temporalUrl: expect.stringMatching(new RegExp(`^${loadConfig().TEMPORAL_UI_URL}/namespaces/default/workflows/${c.mine}(-[0-9a-f]+)?$`)),
      actions: ['take', 'assign', 'reply', 'note', 'request-info', 'close'],
    });
    // The reply answered the customer: first response stopped, resolution runs on.
    expect(d.serviceLevels.firstResponse).toMatchObject({ state: 'stopped', text: expect.stringMatching(/^Besvarat efter /) });
    expect(d.serviceLevels.resolution).toMatchObject({ state: 'running', dueAt: d.slaDueAt });
    expect(d.submission).toMatchObject({
      type: 'fault_report',
      subject: `Fel vid inloggning T${w.tag}`,
      contact: { personnummer: w.registrantPnr, name: 'Rut Registrant', organisationName: w.organisationName },
    });
    expect(d.timeline).toEqual([
      { version: 1, action: 'submit', actor: { type: 'customer', id: w.accountId, name: 'Rut Registrant' }, fromStatus: null, toStatus: 'submitted', at: expect.any(String) },
      { version: 2, action: 'take', actor: { type: 'staff', id: w.admin.id, name: 'Ada Administratör' }, fromStatus: 'submitted', toStatus: 'in_progress', at: expect.any(String) },
      {
        version: 3,
        action: 'note',
        actor: { type: 'staff', id: w.admin.id, name: 'Ada Administratör' },
        fromStatus: 'in_progress',
        toStatus: 'in_progress',
        at: expect.any(String),
        message: { visibility: 'internal', body: 'Internt: kolla loggarna.' },
      },
      {
        version: 4,
        action: 'reply',
        actor: { type: 'staff', id: w.admin.id, name: 'Ada Administratör' },
        fromStatus: 'in_progress',
        toStatus: 'in_progress',
        at: expect.any(String),
        message: { visibility: 'public', body: 'Vi undersöker felet.' },
      },
    ]);
  });

  it('shows every SITHS row with its personnummer in clear', async () => {
    const d = (await w.asHandler('GET', `/cases/${c.siths}`)).json;
    expect(d.submission.rows.map((r: { personnummer: string }) => r.personnummer)).toEqual([personnummer('19900101', 100), personnummer('19900101', 101)]);
    expect(d.submission.rows[0].pickupOffice).toBe(PICKUP_OFFICE);
  });

  it('answers 404 for an unknown or malformed case number', async () => {
    expect((await w.asHandler('GET', '/cases/KP-1999-99999')).status).toBe(404);
    expect((await w.asHandler('GET', '/cases/nonsense')).status).toBe(404);
  });
});

describe('actions', () => {
  let caseNumber: string;
  beforeAll(async () => {
    const res = await h.api('POST', '/api/v1/cases', {
      token: h.customerToken,
      body: { type: 'question', subject: 'Fråga om behörighet', description: 'Hur får jag behörighet?' },
    });
    caseNumber = res.json.caseNumber;
  });

  it('runs every action through the workflow and answers with the new detail', async () => {
    const steps: Array<[string, unknown, Record<string, unknown>]> = [
      ['take', {}, { status: 'in_progress', assigneeId: w.admin.id, version: 2 }],
      ['assign', { assigneeId: w.handler.id }, { status: 'in_progress', assigneeId: w.handler.id, assigneeName: 'Berit Bäck', version: 3 }],
      ['reply', { body: 'Vi återkommer.' }, { status: 'in_progress', version: 4 }],
      ['note', { body: 'Kunden har ringt.' }, { status: 'in_progress', version: 5 }],
      ['request-info', { body: 'Vilket system gäller det?' }, { status: 'awaiting_customer', statusLabel: 'Väntar på kund', version: 6 }],
      ['close', { resolution: 'Behörighet ordnad.' }, { status: 'closed', resolution: 'Behörighet ordnad.', version: 7, actions: ['note', 'reopen'] }],
      ['reopen', {}, { status: 'in_progress', resolution: null, closedAt: null, version: 8 }],
    ];
    for (const [action, body, expected] of steps) {
      const res = await w.asAdmin('POST', `/cases/${caseNumber}/actions/${action}`, body);
      expect(res.status, `${action}: ${JSON.stringify(res.json)}`).toBe(200);
      expect(res.json, action).toMatchObject({ id: caseNumber, ...expected });
      expect(res.json.timeline.at(-1).action).toBe(action.replace('-', '_'));
      // The answer is what Postgres now holds (the clocks' minutes are measured at each read).
      const withoutMinutes = (d: { serviceLevels: unknown }) => ({ ...d, serviceLevels: JSON.stringify(d.serviceLevels).replace(/"(elapsed|remaining)Minutes":[-\d.e]+|"text":"[^"]*"/g, '') });
      expect(withoutMinutes((await w.asAdmin('GET', `/cases/${caseNumber}`)).json)).toEqual(withoutMinutes(res.json));
    }
  });

  it('refuses an illegal action with 409 and the Swedish reason, and changes nothing', async () => {
    await w.asAdmin('POST', `/cases/${caseNumber}/actions/close`, { resolution: 'Klart.' });
    const before = await versionOf(caseNumber);
    const again = await w.asAdmin('POST', `/cases/${caseNumber}/actions/close`, { resolution: 'Igen.' });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.json.detail).toBe('Ärendet är redan avslutat.');
    const take = await w.asHandler('POST', `/cases/${caseNumber}/actions/take`, {});
    expect(take.status).toBe(409);
    expect(take.json.detail).toContain('Återöppna det först');
    expect(await versionOf(caseNumber)).toBe(before);
    expect((await w.asAdmin('GET', `/cases/${caseNumber}`)).json).toMatchObject({ status: 'closed', resolution: 'Klart.' });
  });

  it('validates the body and knows its actions', async () => {
    const noBody = await w.asAdmin('POST', `/cases/${caseNumber}/actions/reply`, {});
    expect(noBody.status).toBe(400);
    expect(noBody.json.errors).toEqual([{ field: 'body', message: expect.any(String) }]);
    const nobody = await w.asAdmin('POST', `/cases/${caseNumber}/actions/assign`, { assigneeId: 987_654_321 });
    expect(nobody.status).toBe(400);
    expect(nobody.json.errors).toEqual([{ field: 'assigneeId', message: 'Handläggaren finns inte' }]);
    expect((await w.asAdmin('POST', `/cases/${caseNumber}/actions/explode`, {})).status).toBe(404);
    expect((await w.asAdmin('POST', '/cases/KP-1999-99999/actions/take', {})).status).toBe(404);
  });
});

describe('malformed list parameters', () => {
  const bad: Array<[string, string, string]> = [
    ['filter that is not JSON', '/cases?filter=%7Bqueue', 'filter'],
    ['unknown queue', listPath('cases', { queue: 'everything' }), 'filter.queue'],
    ['unknown filter key', listPath('cases', { colour: 'red' }), 'filter.colour'],
    ['unknown type', listPath('cases', { type: 'complaint' }), 'filter.type'],
    ['organisation id that is no number', listPath('cases', { organisationId: 'Region' }), 'filter.organisationId'],
    ['search shorter than three characters', listPath('cases', { q: 'ab' }), 'filter.q'],
    ['search with NUL', listPath('cases', { q: 'abc\u0000' }), 'filter.q'],
    ['id that is no list', listPath('cases', { id: 'KP-2026-00001' }), 'filter.id'],
    ['sort on an unknown field', listPath('cases', {}, { sort: ['subject', 'ASC'] }), 'sort.0'],
    ['sort in an unknown order', '/cases?sort=%5B%22createdAt%22%2C%22UP%22%5D', 'sort.1'],
    ['range backwards', listPath('cases', {}, { range: [10, 5] }), 'range'],
    ['range of text', '/cases?range=%5B%22a%22%2C%22b%22%5D', 'range.0'],
    ['range too long', listPath('cases', {}, { range: [0, 5000] }), 'range'],
    ['range past the count cap', listPath('cases', { queue: 'closed' }, { range: [10_000, 10_024] }), 'range'],
    ['negative range', '/cases?range=%5B-1%2C5%5D', 'range.0'],
    ['organisations: verified as text', listPath('organisations', { verified: 'yes' }), 'filter.verified'],
    ['staff: unknown role', listPath('staff', { role: 'boss' }), 'filter.role'],
  ];
  it.each(bad)('%s → 400 problem', async (_, path, field) => {
    const res = await w.asHandler('GET', path);
    expect(res.status, JSON.stringify(res.json)).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.json).toMatchObject({ type: 'https://kundportal.se/problems/validation', status: 400 });
    expect(res.json.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('says in Swedish why a page past the cap is refused', async () => {
    const res = await w.asHandler('GET', listPath('cases', {}, { range: [10_000, 10_024] }));
    expect(res.json.detail).toMatch(/^Det går bara att bläddra bland de 10\s000 första träffarna/);
  });
});

describe('who may', () => {
  it('refuses customers (403) and the anonymous (401)', async () => {
    for (const path of ['/cases', '/queue-counts', `/cases/${c.new}`, '/organisations', '/accounts', '/staff']) {
      expect((await w.asCustomer('GET', path)).status, path).toBe(403);
      expect((await w.anonymous('GET', path)).status, path).toBe(401);
    }
    expect((await w.asCustomer('POST', `/cases/${c.new}/actions/take`, {})).status).toBe(403);
  });

  it('keeps administrators’ changes from handlers (403)', async () => {
    const refused = [
      await w.asHandler('PUT', `/organisations/${w.organisationId}`, { verified: true }),
      await w.asHandler('PUT', `/accounts/${w.accountId}`, { canOrder: false }),
      await w.asHandler('POST', '/staff', { name: 'Ny', email: 'ny@kundportal.local', role: 'admin', personnummer: personnummer('19800101', 123) }),
      await w.asHandler('PUT', `/staff/${w.handler.id}`, { role: 'admin' }),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect((await w.asHandler('GET', `/organisations/${w.organisationId}`)).json.verified).toBe(false);
    expect((await w.asHandler('GET', `/staff/${w.handler.id}`)).json.role).toBe('handler');
  });
});

describe('organisations', () => {
  it('lists and shows an organisation with its members, units and registrant', async () => {
    const list = await w.asHandler('GET', listPath('organisations', { q: w.organisationName }));
    expect(list.headers.get('content-range')).toBe('organisations 0-0/1');
    expect(list.json).toEqual([
      {
        id: w.organisationId,
        organisationsnummer: expect.stringMatching(/^\d{6}-\d{4}$/),
        name: w.organisationName,
        verified: false,
        verifiedAt: null,
        createdAt: expect.any(String),
        memberCount: 1,
        registeredByName: 'Rut Registrant',
      },
    ]);
    const one = await w.asHandler('GET', `/organisations/${w.organisationId}`);
    expect(one.json).toEqual({ ...list.json[0], units: [{ id: expect.any(Number), name: 'Vårdcentralen Älvsby' }] });
    const unverified = await w.asHandler('GET', listPath('organisations', { verified: false, id: [w.organisationId, h.organisationId] }));
    expect(unverified.json.map((o: { id: number }) => o.id)).toEqual([w.organisationId]);
    expect((await w.asHandler('GET', '/organisations/999999999')).status).toBe(404);
  });

  it('verifying makes the registrant the local administrator', async () => {
    expect((await w.asAdmin('GET', `/accounts/${w.accountId}`)).json.isLocalAdmin).toBe(false);
    const res = await w.asAdmin('PUT', `/organisations/${w.organisationId}`, { verified: true, name: 'ignored', memberCount: 7 });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: w.organisationId, name: w.organisationName, verified: true, verifiedAt: expect.any(String), units: [expect.any(Object)] });
    expect((await w.asAdmin('GET', `/accounts/${w.accountId}`)).json.isLocalAdmin).toBe(true);
    expect((await w.asAdmin('PUT', `/organisations/${w.organisationId}`, { verified: false })).status).toBe(400);
  });
});

describe('customer accounts', () => {
  it('lists accounts with the personnummer masked, found by name or personnummer', async () => {
    const list = await w.asHandler('GET', listPath('accounts', { organisationId: w.organisationId }));
    expect(list.headers.get('content-range')).toBe('accounts 0-0/1');
    expect(list.json).toEqual([
      {
        id: w.accountId,
        name: 'Rut Registrant',
        email: `rut.${w.tag}@exempel.se`,
        personnummer: `${w.registrantPnr.slice(0, 8)}-****`,
        awaitingVerification: false,
        importedAt: null,
        organisationId: w.organisationId,
        organisationName: w.organisationName,
        unitName: 'Vårdcentralen Älvsby',
        canOrder: true,
        isLocalAdmin: expect.any(Boolean),
        notifyByEmail: false,
        createdAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(list.json)).not.toContain(w.registrantPnr);
    const byPnr = await w.asHandler('GET', listPath('accounts', { q: `${w.registrantPnr.slice(2, 8)}-${w.registrantPnr.slice(8)}` }));
    expect(byPnr.json.map((a: { id: number }) => a.id)).toEqual([w.accountId]);
    const byName = await w.asHandler('GET', listPath('accounts', { q: `rut.${w.tag}` }));
    expect(byName.json.map((a: { id: number }) => a.id)).toEqual([w.accountId]);
  });

  it('lets an administrator change roles', async () => {
    const res = await w.asAdmin('PUT', `/accounts/${w.accountId}`, { canOrder: false, name: 'ignored' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: w.accountId, canOrder: false, name: 'Rut Registrant' });
    expect((await w.asAdmin('PUT', '/accounts/999999999', { canOrder: true })).status).toBe(404);
  });
});

describe('staff', () => {
  it('lists every staff member, for the assign dropdown', async () => {
    const res = await w.asHandler('GET', listPath('staff', { id: [w.admin.id, w.handler.id] }));
    expect(res.json).toEqual([
      { id: w.admin.id, name: 'Ada Administratör', email: expect.any(String), role: 'admin', active: true, createdAt: expect.any(String) },
      { id: w.handler.id, name: 'Berit Bäck', email: expect.any(String), role: 'handler', active: true, createdAt: expect.any(String) },
    ]);
    expect((await w.asHandler('GET', listPath('staff'))).headers.get('content-range')).toMatch(/^staff 0-\d+\/\d+$/);
  });

  it('lets an administrator add a member who can log in, and change them', async () => {
    const pnr = personnummer('19771212', Number(w.tag) % 1000);
    const email = `cecilia.${w.tag}@kundportal.local`;
    const created = await w.asAdmin('POST', '/staff', { name: 'Cecilia Ceder', email, role: 'handler', personnummer: pnr });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json).toEqual({ id: expect.any(Number), name: 'Cecilia Ceder', email, role: 'handler', active: true, createdAt: expect.any(String) });
    const row = await h.db.selectFrom('staff').select(['personnummerHash', 'personnummerEnc']).where('id', '=', created.json.id).executeTakeFirstOrThrow();
    expect(row.personnummerHash).toBe(h.cipher.hash(pnr));
    expect(h.cipher.open(row.personnummerEnc!)).toBe(pnr);

    const again = await w.asAdmin('POST', '/staff', { name: 'Annan', email, role: 'handler', personnummer: personnummer('19771212', 999) });
    expect(again.status).toBe(400);
    expect(again.json.errors).toEqual([{ field: 'email', message: expect.any(String) }]);
    const badPnr = await w.asAdmin('POST', '/staff', { name: 'Annan', email: `annan.${w.tag}@kundportal.local`, role: 'handler', personnummer: '19771212-0000' });
    expect(badPnr.status).toBe(400);
    expect(badPnr.json.errors).toEqual([{ field: 'personnummer', message: 'Ogiltigt personnummer' }]);

    const changed = await w.asAdmin('PUT', `/staff/${created.json.id}`, { ...created.json, name: 'Cecilia Ek', active: false });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ id: created.json.id, name: 'Cecilia Ek', active: false, role: 'handler' });
    expect((await w.asAdmin('PUT', '/staff/999999999', { name: 'X' })).status).toBe(404);
  });
});
