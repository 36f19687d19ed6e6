// The back office's service-level targets (/api/admin/service-levels): administrators read and change
// them, every change is kept; bad input is a 400 problem naming the field and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_TYPES, CASE_TYPE_LABELS } from '../domain/index.js';
import { DEFAULT_SERVICE_LEVEL_TARGETS } from '../domain/service-levels.js';
import { type BackOfficeWorld, backOfficeWorld, listPath } from './helpers/back-office.js';
import { question } from '../scripts/sample-cases.js';
import { type Harness, startHarness } from './helpers/harness.js';

let h: Harness;
let w: BackOfficeWorld;
beforeAll(async () => {
  h = await startHarness();
  w = await backOfficeWorld(h);
});
afterAll(async () => {
  // Other test files share the database: leave 'other' with its defaults.
  await w?.asAdmin('PUT', '/service-levels/other', DEFAULT_SERVICE_LEVEL_TARGETS.other);
  await h?.stop();
});

const revisions = async () => Number((await h.db.selectFrom('service_level_targets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const valid = { firstResponseMinutes: 90, resolutionMinutes: 900, reminderAfterDays: 3, autoCloseAfterDays: 8 };

describe('reading', () => {
  it('lists every case type with its targets, seeded with the defaults', async () => {
    const res = await w.asAdmin('GET', '/service-levels');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-range')).toBe(`service-levels 0-${CASE_TYPES.length - 1}/${CASE_TYPES.length}`);
    expect(res.json.map((r: { id: string }) => r.id)).toEqual([...CASE_TYPES]);
    for (const r of res.json) {
      expect(r).toMatchObject({ caseType: r.id, typeLabel: CASE_TYPE_LABELS[r.id as keyof typeof CASE_TYPE_LABELS], revision: expect.any(Number) });
      // tests/service-levels.test.ts changes 'improvement'; the others still have what the migration seeded.
      if (r.id !== 'improvement') {
        const seeded = DEFAULT_SERVICE_LEVEL_TARGETS[r.id as keyof typeof DEFAULT_SERVICE_LEVEL_TARGETS];
        expect(r).toMatchObject(seeded);
      }
    }
  });

  it('shows one type with its history', async () => {
    const res = await w.asAdmin('GET', '/service-levels/fault_report');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: 'fault_report', typeLabel: 'Felanmälan', ...DEFAULT_SERVICE_LEVEL_TARGETS.fault_report });
    expect(res.json.history[0]).toMatchObject({ revision: res.json.revision, changedByName: null });
    expect((await w.asAdmin('GET', '/service-levels/nonsense')).status).toBe(404);
  });
});

describe('changing', () => {
  it('keeps every revision, newest first, with who changed it', async () => {
    const before = (await w.asAdmin('GET', '/service-levels/other')).json;
    // react-admin sends the whole record back: fields other than the targets are ignored.
    const res = await w.asAdmin('PUT', '/service-levels/other', { ...before, ...valid });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ id: 'other', ...valid, changedByName: 'Ada Administratör' });
    expect(res.json.revision).toBeGreaterThan(before.revision);
    expect(res.json.history).toHaveLength(before.history.length + 1);
    expect(res.json.history[1]).toMatchObject({ revision: before.revision, firstResponseMinutes: before.firstResponseMinutes });
    expect((await w.asAdmin('GET', '/service-levels')).json.find((r: { id: string }) => r.id === 'other')).toMatchObject(valid);
  });

  it('0 days means never remind and never close', async () => {
    const res = await w.asAdmin('PUT', '/service-levels/other', { ...valid, reminderAfterDays: 0, autoCloseAfterDays: 0 });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ reminderAfterDays: 0, autoCloseAfterDays: 0 });
    expect((await w.asAdmin('PUT', '/service-levels/other', { ...valid, reminderAfterDays: 0, autoCloseAfterDays: 5 })).status).toBe(200);
  });
});

describe('bad input is refused with the field named, and nothing is written', () => {
  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['a field missing', { ...valid, resolutionMinutes: undefined }, 'resolutionMinutes', /Tid till lösning/],
    ['minutes as text', { ...valid, firstResponseMinutes: '90' }, 'firstResponseMinutes', /som ett tal/],
    ['a fraction of a minute', { ...valid, firstResponseMinutes: 1.5 }, 'firstResponseMinutes', /helt antal minuter/],
    ['no time at all', { ...valid, firstResponseMinutes: 0 }, 'firstResponseMinutes', /minst 1 minut/],
    ['more than a working year', { ...valid, resolutionMinutes: 200_000 }, 'resolutionMinutes', /högst 105\s000 minuter/],
    ['negative days', { ...valid, reminderAfterDays: -1 }, 'reminderAfterDays', /negativ/],
    ['days as null', { ...valid, autoCloseAfterDays: null }, 'autoCloseAfterDays', /Automatisk stängning/],
    ['resolution before first response', { ...valid, firstResponseMinutes: 600, resolutionMinutes: 300 }, 'resolutionMinutes', /kortare än tid till första svar/],
    ['closing before the reminder', { ...valid, reminderAfterDays: 5, autoCloseAfterDays: 5 }, 'autoCloseAfterDays', /efter påminnelsen/],
  ])('%s', async (_what, body, field, message) => {
    const n = await revisions();
    const res = await w.asAdmin('PUT', '/service-levels/question', body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.json.errors).toEqual([{ field, message: expect.stringMatching(message) }]);
    expect(await revisions()).toBe(n);
  });

  it('malformed JSON, another content type, an unknown type', async () => {
    const n = await revisions();
    const raw = await h.api('PUT', '/api/admin/service-levels/question', { token: w.admin.token, raw: '{"firstResponseMinutes": 9' });
    expect(raw.status).toBe(400);
    expect(raw.headers.get('content-type')).toContain('application/problem+json');
    const text = await h.api('PUT', '/api/admin/service-levels/question', { token: w.admin.token, raw: 'x', headers: { 'Content-Type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect((await w.asAdmin('PUT', '/service-levels/nonsense', valid)).status).toBe(404);
    expect(await revisions()).toBe(n);
  });
});

describe('who may', () => {
  it('handlers may neither read nor change targets (403), customers neither, the anonymous are asked to log in (401)', async () => {
    const n = await revisions();
    for (const [as, status] of [[w.asHandler, 403], [w.asCustomer, 403], [w.anonymous, 401]] as const) {
      const list = await as('GET', '/service-levels');
      expect(list.status).toBe(status);
      expect(list.headers.get('content-type')).toContain('application/problem+json');
      expect((await as('GET', '/service-levels/question')).status).toBe(status);
      expect((await as('PUT', '/service-levels/question', valid)).status).toBe(status);
    }
    expect(await revisions()).toBe(n);
  });
});

describe('queues by due time', () => {
  const ids = (res: { json?: unknown }) => (res.json as Array<{ id: string }>).map((r) => r.id);
  const dueOf = async (caseNumber: string) =>
    (await h.db.selectFrom('cases').select('slaDueAt').where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow()).slaDueAt;

  it('sorts a queue by the earliest running due time, cases with none last, and Försenade holds the overdue', async () => {
    const submit = async (subject: string) => {
      // Without a contact block the case is filled in from the registrant's account.
      const { contact: _contact, ...body } = question('kund@exempel.se');
      const res = await h.api('POST', '/api/v1/cases', { token: w.customerToken, body: { ...body, type: 'fault_report', subject } });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      return res.json.caseNumber as string;
    };
    const [a, b, c] = [await submit('Fel A'), await submit('Fel B'), await submit('Fel C')];
    // Measured by their workflows: each due time set (the harness's calendar is always open).
    for (const n of [a, b, c]) {
      const deadline = Date.now() + 15_000;
      while (!(await dueOf(n))) {
        if (Date.now() > deadline) throw new Error(`no due time on ${n}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    // A answered: its first response stops, its next due time is resolution's, the latest of the three.
    expect((await w.asAdmin('POST', `/cases/${a}/actions/reply`, { body: 'Vi tittar på det.' })).status).toBe(200);
    // C waits for the customer: no clock runs.
    expect((await w.asAdmin('POST', `/cases/${c}/actions/request-info`, { body: 'Vilken webbläsare?' })).status).toBe(200);
    expect(await dueOf(c)).toBeNull();

    const inWorld = (sort: 'ASC' | 'DESC', queue = 'open') => listPath('cases', { queue, organisationId: w.organisationId }, { sort: ['slaDueAt', sort] });
    const asc = await w.asHandler('GET', inWorld('ASC'));
    expect(asc.status).toBe(200);
    expect(ids(asc)).toEqual([b, a, c]);
    expect(ids(await w.asHandler('GET', inWorld('DESC')))).toEqual([c, a, b]);
    expect(asc.json[0].slaDueAt).toBe((await dueOf(b))!.toISOString());

    // Försenade reads the due time on the case: a clock past it puts the case there.
    expect(ids(await w.asHandler('GET', inWorld('ASC', 'overdue')))).toEqual([]);
    const before = (await w.asHandler('GET', '/queue-counts')).json.overdue as number;
    await h.db.updateTable('cases').set({ slaDueAt: new Date(Date.now() - 60_000) }).where('caseNumber', '=', b).execute();
    expect(ids(await w.asHandler('GET', inWorld('ASC', 'overdue')))).toEqual([b]);
    expect((await w.asHandler('GET', '/queue-counts')).json.overdue).toBe(before + 1);
    for (const n of [a, b, c]) await w.asAdmin('POST', `/cases/${n}/actions/close`, { resolution: 'Klart.' });
  });
});

describe('the bell: a staff member’s own service-level warnings', () => {
  it('lists only one’s own, newest first, counts the unread and marks them read', async () => {
    const { json: created } = await h.api('POST', '/api/v1/cases', { token: w.customerToken, body: (({ contact: _c, ...b }) => b)(question('kund@exempel.se')) });
    const caseId = (await h.db.selectFrom('cases').select('id').where('caseNumber', '=', created.caseNumber).executeTakeFirstOrThrow()).id;
    const note = (staffId: number, clock: 'firstResponse' | 'resolution', kind: 'sla_warning' | 'sla_breach') => ({
      dedupeKey: `${created.caseNumber}:sla:${clock}:${kind}:${staffId}`,
      staffId,
      caseId,
      kind,
      clock,
      title: `${kind} ${clock}`,
      body: 'Text',
    });
    await h.db
      .insertInto('staff_notifications')
      .values([note(w.handler.id, 'firstResponse', 'sla_warning'), note(w.handler.id, 'firstResponse', 'sla_breach'), note(w.admin.id, 'firstResponse', 'sla_breach')])
      .execute();

    const list = await w.asHandler('GET', listPath('notifications', {}, { range: [0, 9] }));
    expect(list.status).toBe(200);
    expect(list.json.map((n: { title: string }) => n.title)).toEqual(['sla_breach firstResponse', 'sla_warning firstResponse']);
    expect(list.json[0]).toMatchObject({ caseNumber: created.caseNumber, readAt: null });
    expect((await w.asHandler('GET', '/notifications/unread')).json).toEqual({ count: 2 });

    expect((await w.asHandler('POST', `/notifications/${list.json[1].id}/read`)).status).toBe(204);
    expect((await w.asHandler('GET', '/notifications/unread')).json).toEqual({ count: 1 });
    expect((await w.asHandler('GET', listPath('notifications', { unread: true }))).json).toHaveLength(1);
    // Someone else's is not found, and stays unread.
    const adminsId = (await w.asAdmin('GET', listPath('notifications'))).json[0].id;
    expect((await w.asHandler('POST', `/notifications/${adminsId}/read`)).status).toBe(404);
    expect((await w.asAdmin('GET', '/notifications/unread')).json).toEqual({ count: 1 });

    expect((await w.asHandler('POST', '/notifications/read-all')).status).toBe(204);
    expect((await w.asHandler('GET', '/notifications/unread')).json).toEqual({ count: 0 });
    expect((await w.asCustomer('GET', '/notifications')).status).toBe(403);
    expect((await w.anonymous('GET', '/notifications/unread')).status).toBe(401);
    await w.asAdmin('POST', `/cases/${created.caseNumber}/actions/close`, { resolution: 'Klart.' });
  });
});
