// Exactly-once on real Postgres, Temporal and SMTP: Idempotency-Key on submission, the e-mail log's
// key on a retried activity, and no e-mail at all for a customer who opted out.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSendCaseEmail } from '../activities/send-case-email.js';
import { type Harness, RUN_ID, sleep, startHarness } from './helpers/harness.js';
import { contact, question, sithsOrder } from '../scripts/sample-cases.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

const run = RUN_ID;
/** A fresh recipient per test, so that e-mail counts are not disturbed by other tests. */
const freshEmail = (label: string) => `${label}.${run}@exempel.se`;
const mailsTo = (to: string) => h.receivedBy(to);

const casesNumbered = async (caseNumber: string) =>
  Number(
    (await h.db.selectFrom('cases').select(h.db.fn.countAll().as('n')).where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow()).n,
  );
const totalCases = async () => Number((await h.db.selectFrom('cases').select(h.db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const casesOfRecipient = (email: string) =>
  h.db
    .selectFrom('cases')
    .select(['id', 'caseNumber'])
    .where(sql<string>`payload->'contact'->>'email'`, '=', email)
    .execute();

const submit = (body: unknown, key: string) =>
  h.api('POST', '/api/v1/cases', { token: h.customerToken, body, headers: { 'Idempotency-Key': key } });

describe('Idempotency-Key on POST /api/v1/cases', () => {
  it('creates one case and sends one receipt for the same submission sent twice', async () => {
    const email = freshEmail('idem-twice');
    const body = sithsOrder(email, 2);
    const key = `twice-${randomUUID()}`;

    const first = await submit(body, key);
    expect(first.status).toBe(201);
    const caseNumber: string = first.json.caseNumber;
    expect(first.headers.get('location')).toBe(`/api/v1/cases/${caseNumber}`);

    const second = await submit(body, key);
    expect(second.status).toBe(200);
    expect(second.json).toMatchObject({ caseNumber, status: 'submitted', statusLabel: 'Inskickat' });
    expect(second.headers.get('location')).toBe(`/api/v1/cases/${caseNumber}`);

    expect(await casesNumbered(caseNumber)).toBe(1);
    expect(await casesOfRecipient(email)).toHaveLength(1);
    const keys = await h.db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).execute();
    expect(keys).toHaveLength(1);

    const [receipt] = await h.mailsTo(email, 1);
    expect(receipt!.subject).toBe(`Ditt ärende ${caseNumber} är nu inskickat`);
    await sleep(1500);
    expect(mailsTo(email)).toHaveLength(1);
  });

  it('treats the same submission in a different JSON spelling as the same request', async () => {
    const email = freshEmail('idem-spelling');
    const key = `spelling-${randomUUID()}`;
    const body = question(email);
    const first = await submit(body, key);
    expect(first.status).toBe(201);
    // Same content after validation: other key order, a 10-digit personnummer with separator, padded text.
    const c = body.contact;
    const respelled = {
      description: `  ${body.description} `,
      service: body.service,
      subject: body.subject,
      contact: { ...c, personnummer: `${c.personnummer.slice(2, 8)}-${c.personnummer.slice(8)}` },
      type: body.type,
    };
    const second = await submit(respelled, key);
    expect(second.status).toBe(200);
    expect(second.json.caseNumber).toBe(first.json.caseNumber);
    expect(await casesOfRecipient(email)).toHaveLength(1);
  });

  it('refuses the same key with a different body (422) and creates nothing', async () => {
    const email = freshEmail('idem-conflict');
    const key = `conflict-${randomUUID()}`;
    const first = await submit(sithsOrder(email, 1), key);
    expect(first.status).toBe(201);
    const before = await totalCases();

    const other = await submit(sithsOrder(email, 2), key);
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(other.json).toMatchObject({
      type: 'https://kundportal.se/problems/idempotency-conflict',
      title: 'Idempotency-Key används redan',
      status: 422,
    });
    expect(other.json.caseNumber).toBeUndefined();
    expect(await totalCases()).toBe(before);
    expect(await casesOfRecipient(email)).toHaveLength(1);
    const stored = await h.db.selectFrom('idempotency_keys').select('caseId').where('key', '=', key).execute();
    expect(stored).toHaveLength(1);
  });

  it('keeps keys per customer: the same key from another customer is a new case', async () => {
    // A second customer at the same organisation, with a token of their own.
    const { createApiToken } = await import('../db/tokens.js');
    const account = await h.db
      .insertInto('customer_accounts')
      .values({
        organisationId: h.organisationId,
        personnummerEnc: h.cipher.seal('198001011234'),
        personnummerHash: h.cipher.hash(`other:${run}`),
        name: 'Bo Ek',
        email: freshEmail('other-customer'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const otherToken = await createApiToken(h.db, { customerAccountId: account.id }, 'test');
    const key = `shared-${randomUUID()}`;
    const body = question(freshEmail('idem-per-owner'));
    const mine = await submit(body, key);
    const theirs = await h.api('POST', '/api/v1/cases', { token: otherToken, body, headers: { 'Idempotency-Key': key } });
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.json.caseNumber).not.toBe(mine.json.caseNumber);
  });

  it('returns the first case for a retry after Mina uppgifter changed, when the contact block was prefilled', async () => {
    const { contact: _, ...body } = question('');
    const key = `prefilled-${randomUUID()}`;
    const me = (await h.api('GET', '/api/v1/me', { token: h.customerToken })).json;
    const first = await submit(body, key);
    expect(first.status).toBe(201);
    const changed = await h.api('PUT', '/api/v1/me', {
      token: h.customerToken,
      body: { name: 'Åsa Öberg-Lind', email: me.email, notifyByEmail: me.notifyByEmail },
    });
    expect(changed.status).toBe(200);
    const retry = await submit(body, key);
    expect(retry.status).toBe(200);
    expect(retry.json.caseNumber).toBe(first.json.caseNumber);
    await h.api('PUT', '/api/v1/me', { token: h.customerToken, body: { name: me.name, email: me.email, notifyByEmail: me.notifyByEmail } });
  });

  it('creates one case for two concurrent submissions with the same key', async () => {
    const email = freshEmail('idem-race');
    const key = `race-${randomUUID()}`;
    const body = sithsOrder(email, 3);
    const before = await totalCases();

    const [a, b] = await Promise.all([submit(body, key), submit(body, key)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.json.caseNumber).toMatch(/^KP-\d{4}-\d{5}$/);
    expect(b.json.caseNumber).toBe(a.json.caseNumber);

    expect(await totalCases()).toBe(before + 1);
    expect(await casesOfRecipient(email)).toHaveLength(1);
    expect(await casesNumbered(a.json.caseNumber)).toBe(1);
    await h.mailsTo(email, 1);
    await sleep(1500);
    expect(mailsTo(email)).toHaveLength(1);
  });

  it('creates one case for many concurrent submissions with the same key', async () => {
    const email = freshEmail('idem-race-many');
    const key = `race-many-${randomUUID()}`;
    const body = question(email);
    const answers = await Promise.all(Array.from({ length: 8 }, () => submit(body, key)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json.caseNumber)).size).toBe(1);
    expect(await casesOfRecipient(email)).toHaveLength(1);
  });

  it('leaves case numbers without gaps after a lost race', async () => {
    const key = `gap-${randomUUID()}`;
    const body = question(freshEmail('idem-gap'));
    const [a] = await Promise.all([submit(body, key), submit(body, key)]);
    const next = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: question(freshEmail('idem-gap-next')) });
    const seq = (n: string) => Number(n.slice(-5));
    expect(seq(next.json.caseNumber)).toBe(seq(a!.json.caseNumber) + 1);
  });
});

describe('sendCaseEmail retried after it sent', () => {
  it('sends the e-mail once: the second run answers already-sent', async () => {
    const email = freshEmail('retry');
    const created = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: sithsOrder(email, 1) });
    expect(created.status).toBe(201);
    const caseNumber: string = created.json.caseNumber;
    const { id: caseId } = await h.db.selectFrom('cases').select('id').where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
    await h.mailsTo(email, 1); // the workflow's own receipt, so that it does not disturb the count
    await sleep(500);
    const before = mailsTo(email).length;
    expect(before).toBe(1);

    const sendCaseEmail = createSendCaseEmail(h.deps);
    const key = `test-retry-${randomUUID()}`;
    const input = { caseId, caseNumber, key, items: [{ kind: 'received' as const, version: 1 }] };
    expect(await sendCaseEmail(input)).toBe('sent');
    expect(await sendCaseEmail(input)).toBe('already-sent');

    const got = await h.mailsTo(email, before + 1);
    await sleep(1500);
    const after = mailsTo(email);
    expect(after).toHaveLength(before + 1);
    expect(after.filter((m) => m.subject === `Ditt ärende ${caseNumber} är nu inskickat`)).toHaveLength(2); // workflow's + ours
    expect(got.at(-1)!.subject).toBe(`Ditt ärende ${caseNumber} är nu inskickat`);

    const log = await h.db.selectFrom('email_log').selectAll().where('idempotencyKey', '=', key).execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ status: 'sent', recipient: email, caseId });
    expect(log[0]!.sentAt).toBeInstanceOf(Date);
  });

  // A retry that starts while a timed-out attempt is still sending must not send again.
  it('sends one e-mail when two attempts of the same key overlap', async () => {
    const email = freshEmail('retry-overlap');
    const created = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: question(email) });
    const caseNumber: string = created.json.caseNumber;
    const { id: caseId } = await h.db.selectFrom('cases').select('id').where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
    await h.mailsTo(email, 1);
    await sleep(500);

    const sendCaseEmail = createSendCaseEmail(h.deps);
    const input = { caseId, caseNumber, key: `test-overlap-${randomUUID()}`, items: [{ kind: 'received' as const, version: 1 }] };
    const results = await Promise.allSettled([sendCaseEmail(input), sendCaseEmail(input)]);
    // One attempt claims and sends; the other finds the claim and fails retryably…
    const sent = results.filter((r) => r.status === 'fulfilled');
    const busy = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(sent.map((r) => r.value)).toEqual(['sent']);
    expect(busy).toHaveLength(1);
    expect(String(busy[0]!.reason)).toContain('skickas redan');
    // …and its retry finds the e-mail sent.
    expect(await sendCaseEmail(input)).toBe('already-sent');
    await sleep(1500);
    expect(mailsTo(email)).toHaveLength(2); // the workflow's receipt + exactly one from the two attempts
  });
});

describe('a customer who opted out of e-mail', () => {
  it('gets no e-mail, a skipped e-mail log row and the bell notification', async () => {
    const email = freshEmail('opted-out');
    const body = { ...sithsOrder(email, 1), contact: contact(email, { notifyByEmail: false }) };
    const created = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body });
    expect(created.status).toBe(201);
    const caseNumber: string = created.json.caseNumber;
    const { id: caseId } = await h.db.selectFrom('cases').select('id').where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();

    const deadline = Date.now() + 10_000;
    let log: { status: string; recipient: string; idempotencyKey: string }[] = [];
    while (Date.now() < deadline) {
      log = await h.db.selectFrom('email_log').select(['status', 'recipient', 'idempotencyKey']).where('caseId', '=', caseId).execute();
      if (log.length > 0) break;
      await sleep(100);
    }
    expect(log).toEqual([{ status: 'skipped', recipient: email, idempotencyKey: expect.stringContaining(caseNumber) }]);
    await sleep(1500);
    expect(mailsTo(email)).toHaveLength(0);

    const bell = await h.db.selectFrom('notifications').select(['kind', 'customerAccountId']).where('caseId', '=', caseId).execute();
    expect(bell).toEqual([{ kind: 'received', customerAccountId: h.accountId }]);

    // The activity itself answers opted-out, also when run again under the same key.
    const sendCaseEmail = createSendCaseEmail(h.deps);
    const input = { caseId, caseNumber, key: log[0]!.idempotencyKey, items: [{ kind: 'received' as const, version: 1 }] };
    expect(await sendCaseEmail(input)).toBe('opted-out');
    expect(mailsTo(email)).toHaveLength(0);
  });
});
