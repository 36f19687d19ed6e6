// Bad input on real Postgres and Temporal: every refusal is an RFC 9457 problem with the offending
// field named in Swedish, nothing is written, and no request ever gives a 5xx.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ORGANISATIONSNUMMER_ERROR,
  PERSONNUMMER_ERROR,
  PICKUP_BOTH_ERROR,
  PICKUP_NEITHER_ERROR,
  PICKUP_UNKNOWN_ERROR,
  VALIDATION_PROBLEM_TYPE,
} from '../domain/index.js';
import { type Harness, startHarness } from './helpers/harness.js';
import { sithsOrder } from '../scripts/sample-cases.js';
import { personnummer } from '../scripts/sample-cases.js';

let h: Harness;
let existingCase: string;
let existingCaseId: number;
const unique = `${process.pid}-${Date.now()}`;
const contactEmail = `bad-input.${unique}@exempel.se`;

beforeAll(async () => {
  h = await startHarness();
  // One real case for the staff-action tests; wait for its receipt so the worker is idle afterwards.
  const created = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: sithsOrder(contactEmail, 1) });
  expect(created.status).toBe(201);
  existingCase = created.json.caseNumber;
  existingCaseId = (await h.db.selectFrom('cases').select('id').where('caseNumber', '=', existingCase).executeTakeFirstOrThrow()).id;
  await h.mailsTo(contactEmail, 1);
});
afterAll(() => h?.stop());

type Res = Awaited<ReturnType<Harness['api']>>;

/** Row counts of every table a submission writes to, plus the sum of the case-number counters. */
async function snapshot() {
  const count = async (table: 'cases' | 'case_events' | 'notifications' | 'idempotency_keys' | 'case_number_counters') =>
    Number((await h.db.selectFrom(table).select(h.db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const seq = await h.db
    .selectFrom('case_number_counters')
    .select(sql<string>`coalesce(sum(last_seq), 0)`.as('s'))
    .executeTakeFirstOrThrow();
  return {
    cases: await count('cases'),
    case_events: await count('case_events'),
    notifications: await count('notifications'),
    idempotency_keys: await count('idempotency_keys'),
    case_number_counters: await count('case_number_counters'),
    counterSum: Number(seq.s),
  };
}

/** Runs a request and asserts that not one row was written by it. */
async function nothingWritten(request: () => Promise<Res>): Promise<Res> {
  const before = await snapshot();
  const res = await request();
  expect(await snapshot()).toEqual(before);
  return res;
}

function expectProblem(res: Res, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type') ?? '').toMatch(/^application\/problem\+json/);
  expect(res.json).toMatchObject({ type: expect.any(String), title: expect.any(String), status });
  expect(res.json.type.length).toBeGreaterThan(0);
  expect(res.json.title.length).toBeGreaterThan(0);
}

function expectFieldErrors(res: Res, errors: Array<{ field: string; message: string | RegExp }>) {
  expectProblem(res, 400);
  expect(res.json.type).toBe(VALIDATION_PROBLEM_TYPE);
  expect(res.json.title).toBe('Ogiltiga uppgifter');
  expect(res.json.errors).toEqual(
    errors.map((e) => ({ field: e.field, message: typeof e.message === 'string' ? e.message : expect.stringMatching(e.message) })),
  );
}

const submit = (body: unknown, headers?: Record<string, string>) =>
  nothingWritten(() => h.api('POST', '/api/v1/cases', { token: h.customerToken, body, headers }));

/** A valid one-row SITHS order as a mutable plain object. */
type LooseOrder = { type: string; contact: Record<string, any>; rows: Array<Record<string, any>>; [field: string]: any };
const order = (rows = 1): LooseOrder => structuredClone(sithsOrder(contactEmail, rows));

describe('POST /api/v1/cases with bad input', () => {
  it('refuses malformed JSON', async () => {
    const res = await nothingWritten(() => h.api('POST', '/api/v1/cases', { token: h.customerToken, raw: '{"type":' }));
    expectProblem(res, 400);
    expect(res.json.type).toBe('https://kundportal.se/problems/malformed-json');
    expect(res.json.title).toBe('Ogiltig JSON');
  });

  it('refuses an empty body and a JSON null', async () => {
    const empty = await nothingWritten(() => h.api('POST', '/api/v1/cases', { token: h.customerToken, raw: '' }));
    expectProblem(empty, 400);
    const nul = await submit(null);
    expectProblem(nul, 400);
    expect(nul.json.errors).toEqual([{ field: '', message: 'Ärendet har fel format' }]);
  });

  it('refuses notifyByEmail that is not a boolean', async () => {
    const body = order();
    body.contact.notifyByEmail = 'ja' as never;
    expectFieldErrors(await submit(body), [
      { field: 'contact.notifyByEmail', message: 'Ange ja eller nej (true/false) för e-postbesked' },
    ]);
  });

  it('refuses rows that are not a list', async () => {
    const body = order();
    body.rows = 'x' as never;
    expectFieldErrors(await submit(body), [{ field: 'rows', message: 'Raderna måste vara en lista' }]);
  });

  it('refuses a personnummer with the wrong check digit', async () => {
    const body = order();
    const good = body.contact.personnummer;
    body.contact.personnummer = good.slice(0, 11) + String((Number(good[11]) + 1) % 10);
    expectFieldErrors(await submit(body), [{ field: 'contact.personnummer', message: PERSONNUMMER_ERROR }]);
  });

  it('refuses a personnummer with an impossible date (correct check digit)', async () => {
    const body = order(2);
    body.rows[1]!.personnummer = personnummer('19851332', 123); // month 13, day 32; Luhn digit computed
    expectFieldErrors(await submit(body), [{ field: 'rows.1.personnummer', message: PERSONNUMMER_ERROR }]);
    const feb30 = order();
    feb30.contact.personnummer = personnummer('19850230', 980);
    expectFieldErrors(await submit(feb30), [{ field: 'contact.personnummer', message: PERSONNUMMER_ERROR }]);
  });

  it('refuses a bad organisationsnummer', async () => {
    const body = order();
    body.contact.organisationsnummer = '556016-0681'; // wrong check digit
    expectFieldErrors(await submit(body), [{ field: 'contact.organisationsnummer', message: ORGANISATIONSNUMMER_ERROR }]);
  });

  it('refuses a SITHS order with no rows', async () => {
    const body = order();
    body.rows = [];
    expectFieldErrors(await submit(body), [{ field: 'rows', message: 'Minst en rad krävs' }]);
    const { rows: _rows, ...withoutRows } = order();
    expectFieldErrors(await submit(withoutRows), [{ field: 'rows', message: 'Minst en rad krävs' }]);
  });

  it('refuses a SITHS order with 51 rows', async () => {
    expectFieldErrors(await submit(order(51)), [{ field: 'rows', message: 'Högst 50 rader' }]);
  });

  it('refuses a row with both a pickup office and its own card office', async () => {
    const body = order();
    body.rows[0]!.ownCardOffice = true;
    expectFieldErrors(await submit(body), [{ field: 'rows.0.pickupOffice', message: PICKUP_BOTH_ERROR }]);
  });

  it('refuses a row with neither a pickup office nor its own card office', async () => {
    const body = order();
    delete body.rows[0]!.pickupOffice;
    expectFieldErrors(await submit(body), [{ field: 'rows.0.pickupOffice', message: PICKUP_NEITHER_ERROR }]);
  });

  it('refuses an unknown pickup office', async () => {
    const body = order();
    body.rows[0]!.pickupOffice = 'Luleå – Kortkontoret Norr';
    expectFieldErrors(await submit(body), [{ field: 'rows.0.pickupOffice', message: PICKUP_UNKNOWN_ERROR }]);
  });

  it('refuses an unknown case type', async () => {
    const body = order();
    body.type = 'complaint';
    expectFieldErrors(await submit(body), [{ field: 'type', message: 'Välj en giltig ärendetyp' }]);
  });

  it('refuses unknown extra fields, at the top and nested', async () => {
    const top = order();
    top.priority = 'high';
    expectFieldErrors(await submit(top), [{ field: 'priority', message: 'Okänt fält' }]);
    const nested = order();
    (nested.rows[0] as Record<string, unknown>).title = 'Dr';
    (nested.contact as Record<string, unknown>).phone = '08-123 45 67';
    const res = await submit(nested);
    expectProblem(res, 400);
    expect(res.json.errors).toEqual(
      expect.arrayContaining([
        { field: 'contact.phone', message: 'Okänt fält' },
        { field: 'rows.0.title', message: 'Okänt fält' },
      ]),
    );
    expect(res.json.errors).toHaveLength(2);
  });

  it('reports every bad field of one request at once', async () => {
    const body = order(2);
    body.contact.notifyByEmail = 'ja' as never;
    body.contact.organisationsnummer = '123';
    body.rows[1]!.email = 'inte-en-adress';
    const res = await submit(body);
    expectProblem(res, 400);
    expect(res.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      ['contact.notifyByEmail', 'contact.organisationsnummer', 'rows.1.email'].sort(),
    );
    expect(res.json.detail).toBe('3 uppgifter är felaktiga eller saknas.');
  });

  it('refuses an invalid Idempotency-Key before anything else', async () => {
    for (const key of ['med mellanslag', 'x'.repeat(201)]) {
      const res = await submit(order(), { 'Idempotency-Key': key });
      expectProblem(res, 400);
      expect(res.json.title).toBe('Ogiltig Idempotency-Key');
    }
  });
});

describe('authentication and authorisation', () => {
  it('answers 401 without an Authorization header', async () => {
    const res = await nothingWritten(() => h.api('POST', '/api/v1/cases', { body: order() }));
    expectProblem(res, 401);
    expect(res.json.title).toBe('Inte inloggad');
    expectProblem(await h.api('GET', `/api/v1/cases/${existingCase}`), 401);
    expectProblem(await h.api('GET', `/api/v1/staff/cases/${existingCase}`), 401);
  });

  it('answers 401 for an unknown or malformed token', async () => {
    expectProblem(await nothingWritten(() => h.api('POST', '/api/v1/cases', { token: 'kp_nonsense', body: order() })), 401);
    const res = await h.api('POST', '/api/v1/cases', { headers: { Authorization: 'Basic dXNlcjpwYXNz' }, body: order() });
    expectProblem(res, 401);
  });

  it('answers 403 for a staff token on the customer endpoint, and the other way round', async () => {
    const res = await nothingWritten(() => h.api('POST', '/api/v1/cases', { token: h.staffToken, body: order() }));
    expectProblem(res, 403);
    expect(res.json.title).toBe('Åtkomst nekad');
    expectProblem(await h.api('GET', `/api/v1/staff/cases/${existingCase}`, { token: h.customerToken }), 403);
    expectProblem(await nothingWritten(() => h.api('POST', `/api/v1/staff/cases/${existingCase}/actions/take`, { token: h.customerToken, body: {} })), 403);
  });
});

describe('unknown resources', () => {
  it('answers 404 for an unknown case number', async () => {
    const res = await h.api('GET', '/api/v1/cases/KP-2099-99999', { token: h.customerToken });
    expectProblem(res, 404);
    expect(res.json.title).toBe('Hittades inte');
    expectProblem(await h.api('GET', '/api/v1/staff/cases/KP-2099-99999', { token: h.staffToken }), 404);
    const msg = await nothingWritten(() =>
      h.api('POST', '/api/v1/cases/KP-2099-99999/messages', { token: h.customerToken, body: { body: 'Hej' } }),
    );
    expectProblem(msg, 404);
    expectProblem(await h.staffAction('KP-2099-99999', 'take'), 404);
  });

  it('answers 404 for an unknown route', async () => {
    expectProblem(await h.api('GET', '/api/v1/nothing-here', { token: h.customerToken }), 404);
  });
});

describe('staff actions with bad input', () => {
  const eventsOfCase = async () =>
    Number(
      (
        await h.db
          .selectFrom('case_events')
          .select(h.db.fn.countAll().as('n'))
          .where('caseId', '=', existingCaseId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function refused(action: string, body: unknown, fields: string[]) {
    const before = await eventsOfCase();
    const res = await nothingWritten(() => h.staffAction(existingCase, action, body));
    expectProblem(res, 400);
    expect(res.json.type).toBe(VALIDATION_PROBLEM_TYPE);
    expect(res.json.errors.map((e: { field: string }) => e.field)).toEqual(fields);
    for (const e of res.json.errors) expect(e.message).toEqual(expect.any(String));
    expect(await eventsOfCase()).toBe(before);
    return res;
  }

  it('refuses a reply without a body, or with an empty one', async () => {
    await refused('reply', {}, ['body']);
    const blank = await refused('reply', { body: '   ' }, ['body']);
    expect(blank.json.errors[0].message).toBe('Skriv ett svar');
  });

  it('refuses close without a resolution', async () => {
    await refused('close', {}, ['resolution']);
    const blank = await refused('close', { resolution: '' }, ['resolution']);
    expect(blank.json.errors[0].message).toBe('Ange en lösning');
  });

  it('refuses assign with a non-numeric assigneeId', async () => {
    await refused('assign', { assigneeId: 'x' }, ['assigneeId']);
    const negative = await refused('assign', { assigneeId: -1 }, ['assigneeId']);
    expect(negative.json.errors[0].message).toBe('Ange en handläggare');
  });

  it('refuses an unknown key on an action that takes no body', async () => {
    await refused('take', { force: true }, ['force']);
  });

  it('refuses malformed JSON on an action', async () => {
    const res = await h.api('POST', `/api/v1/staff/cases/${existingCase}/actions/reply`, { token: h.staffToken, raw: '{"body":' });
    expectProblem(res, 400);
    expect(res.json.type).toBe('https://kundportal.se/problems/malformed-json');
  });

  it('answers 404 for an unknown action segment', async () => {
    for (const action of ['explode', 'request_info', 'toString', '__proto__', 'constructor']) {
      const res = await nothingWritten(() => h.staffAction(existingCase, action, {}));
      expectProblem(res, 404);
    }
  });

  // Fields without a message of their own fall back to the Swedish error map, never zod's English.
  it('gives Swedish messages for a missing or wrongly typed field', async () => {
    const missing = await h.staffAction(existingCase, 'reply', {});
    const wrongType = await h.staffAction(existingCase, 'assign', { assigneeId: 'x' });
    for (const res of [missing, wrongType]) expect(res.json.errors[0].message).not.toMatch(/^Invalid input/);
  });
});

describe('assigning a case to a handler who does not exist', () => {
  // Checked in the API; the workflow also refuses a write Postgres rejects instead of retrying it forever.
  it('is refused with a 4xx problem and leaves the case usable', async () => {
    const email = `wedge.${unique}@exempel.se`;
    const created = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: sithsOrder(email, 1) });
    expect(created.status).toBe(201);
    await h.mailsTo(email, 1);
    const res = await h.staffAction(created.json.caseNumber, 'assign', { assigneeId: 987_654_321 });
    expect(res.status).toBeLessThan(500);
    expectProblem(res, res.status);
    const take = await h.staffAction(created.json.caseNumber, 'take');
    expect(take.status).toBe(200);
  }, 60_000);
});

describe('text containing a NUL character (U+0000)', () => {
  // Valid JSON, but Postgres cannot store it in text: refused up front with a field error.
  it('in a submission is refused with 400', async () => {
    const body = order();
    body.contact.name = 'Åsa\u0000Öberg';
    const res = await submit(body); // nothing is written either way (the transaction rolls back)
    expect(res.status).toBe(400);
  });

  it('in a case number in the URL answers 404', async () => {
    const res = await h.api('GET', '/api/v1/cases/%00', { token: h.customerToken });
    expect(res.status).toBe(404);
  });

  it('in a customer message is refused with 400', async () => {
    const email = `nul.${unique}@exempel.se`;
    const created = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: sithsOrder(email, 1) });
    expect(created.status).toBe(201);
    await h.mailsTo(email, 1);
    const res = await h.api('POST', `/api/v1/cases/${created.json.caseNumber}/messages`, {
      token: h.customerToken,
      body: { body: 'Hej\u0000då' },
    });
    expect(res.status).toBe(400);
  }, 60_000);
});

describe('found by a generator of malformed requests (each answered 500 or was wrongly accepted before)', () => {
  it('refuses JSON nested thousands of levels deep with 400, not a stack overflow', async () => {
    for (const raw of ['['.repeat(2_500) + ']'.repeat(2_500), '{"a":'.repeat(2_000) + '1' + '}'.repeat(2_000)]) {
      const res = await nothingWritten(() => h.api('POST', '/api/v1/cases', { token: h.customerToken, raw }));
      expectProblem(res, 400);
      expect(res.json.errors[0].message).toMatch(/nästlade/);
    }
  });

  it('refuses a lone surrogate in any text field with 400 naming the field', async () => {
    const body = order();
    body.contact.name = 'Åsa \ud800';
    body.rows[0]!.otherInfo = 'Kort \udfff';
    const raw = JSON.stringify(body); // JSON.stringify escapes lone surrogates as \ud800
    const res = await nothingWritten(() => h.api('POST', '/api/v1/cases', { token: h.customerToken, raw }));
    expectProblem(res, 400);
    expect(res.json.errors.map((e: { field: string }) => e.field)).toEqual(['contact.name', 'rows.0.otherInfo']);
    const question = await nothingWritten(() =>
      h.api('POST', '/api/v1/cases', { token: h.customerToken, raw: '{"type":"question","subject":"Fråga \\ud800","description":"x"}' }),
    );
    expect(question.json.errors).toEqual([{ field: 'subject', message: expect.stringMatching(/tecken/) }]);
  });

  it('refuses a body that is not valid UTF-8 rather than storing it altered', async () => {
    const body = Buffer.concat([Buffer.from('{"name":"Nyckel '), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const before = await h.db.selectFrom('api_tokens').select(h.db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const r = await fetch(`${h.baseUrl}/api/v1/tokens`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${h.customerToken}`, 'Content-Type': 'application/json' },
      body,
    });
    expectProblem({ status: r.status, headers: r.headers, json: await r.json() } as Res, 400);
    expect(await h.db.selectFrom('api_tokens').select(h.db.fn.countAll().as('n')).executeTakeFirstOrThrow()).toEqual(before);
  });

  it('answers 415 to a JSON endpoint sent text, a form or no content type', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
      const res = await nothingWritten(async () => {
        const r = await fetch(`${h.baseUrl}/api/v1/cases`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${h.customerToken}`, ...(contentType ? { 'Content-Type': contentType } : {}) },
          body: contentType === 'application/x-www-form-urlencoded' ? 'type=question' : JSON.stringify(order()),
        });
        return { status: r.status, headers: r.headers, json: await r.json() } as Res;
      });
      expectProblem(res, 415);
    }
  });

  it('refuses a contact block that names another organisation than the customer’s own', async () => {
    const body = order();
    body.contact.organisationsnummer = '202100-6255';
    const res = await submit(body);
    expectFieldErrors(res, [{ field: 'contact.organisationsnummer', message: /556016-0680/ }]);
  });

  it('refuses an invalid Idempotency-Key on an action before running it', async () => {
    for (const key of ['med mellanslag', 'x'.repeat(201)]) {
      const staff = await h.api('POST', `/api/v1/staff/cases/${existingCase}/actions/note`, {
        token: h.staffToken,
        body: { body: 'Ska inte sparas' },
        headers: { 'Idempotency-Key': key },
      });
      expectProblem(staff, 400);
      expect(staff.json.title).toBe('Ogiltig Idempotency-Key');
      const customer = await h.api('POST', `/api/v1/cases/${existingCase}/messages`, {
        token: h.customerToken,
        body: { body: 'Ska inte sparas' },
        headers: { 'Idempotency-Key': key },
      });
      expectProblem(customer, 400);
    }
    const notes = await h.db.selectFrom('case_messages').select('body').where('caseId', '=', existingCaseId).execute();
    expect(notes.map((n) => n.body)).not.toContain('Ska inte sparas');
  });
});
