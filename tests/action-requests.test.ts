// An action the workflow cannot finish within the deadline (here: no worker polls its queue yet) is
// answered 202 with a status URL, never a 500; a retry with the same key joins the first; once a worker
// comes, the status URL gives the outcome: the new state, or the refusal.
import { randomUUID } from 'node:crypto';
import { NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { insertSubmittedCase } from '../db/cases.js';
import { caseSubmissionSchema } from '../domain/index.js';
import { question } from '../scripts/sample-cases.js';
import { caseDataConverter } from '../temporal/payload-codec.js';
import { startCaseWorkflow } from '../temporal/start-case.js';
import { type CaseWorker, createCaseWorker } from '../worker/create-worker.js';
import { type Harness, RUN_ID, startHarness, workflowBundle } from './helpers/harness.js';

let h: Harness;
let connection: NativeConnection | undefined;
let worker: CaseWorker | undefined;
let workerRun: Promise<void> | undefined;
const idleQueue = `idle-${randomUUID()}`;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  worker?.shutdown();
  await workerRun;
  await connection?.close();
  await h?.stop();
});

/** A submitted case whose workflow runs on a queue nobody polls: every Update waits, admitted. */
async function caseWithoutWorker() {
  const submission = caseSubmissionSchema({ pickupOffices: [] }).parse(question(h.customerEmail));
  const row = await h.db.transaction().execute((trx) =>
    insertSubmittedCase(trx, { sealedSubmission: h.cipher.sealSubmission(submission), reporterId: h.accountId, organisationId: h.organisationId }),
  );
  await startCaseWorkflow(h.temporal, row, { ...h.workflow, taskQueue: idleQueue });
  return row.caseNumber;
}

async function startIdleWorker() {
  connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  worker = await createCaseWorker({
    connection,
    namespace: 'default',
    taskQueue: idleQueue,
    deps: h.deps,
    dataConverter: caseDataConverter(loadConfig().TEMPORAL_PAYLOAD_KEY),
    workflowBundle: await workflowBundle(),
  });
  workerRun = worker.run();
}

const post = (path: string, key: string, body: unknown, token = h.staffToken) =>
  h.api('POST', path, { token, body, headers: { 'Idempotency-Key': key } });
const get = (path: string, token = h.staffToken) => h.api('GET', path, { token });
/** A status URL asked again while it still answers 202: a worker just started may take a while on a loaded machine. */
async function outcome(path: string, token = h.staffToken) {
  for (const started = Date.now(); ; ) {
    const res = await get(path, token);
    if (res.status !== 202 || Date.now() - started > 60_000) return res;
    await new Promise((r) => setTimeout(r, 200));
  }
}

const messagesOf = (caseNumber: string) =>
  h.db
    .selectFrom('case_messages as m')
    .innerJoin('cases as c', 'c.id', 'm.caseId')
    .select(['m.body', 'm.authorType'])
    .where('c.caseNumber', '=', caseNumber)
    .orderBy('m.version')
    .execute();

describe('an action not finished within the deadline', () => {
  it('answers 202 with a status URL, joins a retry, and gives the outcome there once done', { timeout: 120_000 }, async () => {
    const caseNumber = await caseWithoutWorker();
    const staffPath = `/api/v1/staff/cases/${caseNumber}`;
    // Any visible ASCII is a key: the status URL encodes it.
    const replyKey = `svar/${RUN_ID}?#1`;

    const started = Date.now();
    const reply = await post(`${staffPath}/actions/reply`, replyKey, { body: 'Vi har tagit emot ditt ärende.' });
    expect(reply.status).toBe(202);
    expect(Date.now() - started).toBeLessThan(10_000);
    const statusUrl = `${staffPath}/actions/requests/${encodeURIComponent(replyKey)}`;
    expect(reply.headers.get('location')).toBe(statusUrl);
    expect(reply.headers.get('retry-after')).toBe('1');
    expect(reply.json).toEqual({ requestId: replyKey, status: 'pending', statusUrl, message: expect.stringContaining('samma Idempotency-Key') });

    // The handler's retry with the same key joins the first; the status URL says it is still going on.
    const retry = await post(`${staffPath}/actions/reply`, replyKey, { body: 'Vi har tagit emot ditt ärende.' });
    expect(retry.status).toBe(202);
    expect(retry.headers.get('location')).toBe(statusUrl);
    expect((await get(statusUrl)).status).toBe(202);

    // Unknown keys, and other people's keys, are not found; so is a case the reader may not see.
    expect((await get(`${staffPath}/actions/requests/okand-${RUN_ID}`)).status).toBe(404);
    expect((await get(`/api/v1/cases/${caseNumber}/requests/${encodeURIComponent(replyKey)}`, h.customerToken)).status).toBe(404);
    expect((await get(`${staffPath}/actions/requests/${'x'.repeat(201)}`)).status).toBe(404);
    expect((await get(`/api/v1/staff/cases/KP-1999-99999/actions/requests/a`)).status).toBe(404);
    expect((await get(statusUrl, h.customerToken)).status).toBe(403);

    // The customer's message and the back office's note wait likewise, each with its own status URL.
    const messageKey = `meddelande-${RUN_ID}`;
    const message = await post(`/api/v1/cases/${caseNumber}/messages`, messageKey, { body: 'Tack!' }, h.customerToken);
    expect(message.status).toBe(202);
    expect(message.headers.get('location')).toBe(`/api/v1/cases/${caseNumber}/requests/${messageKey}`);
    const noteKey = `anteckning-${RUN_ID}`;
    const note = await post(`/api/admin/cases/${caseNumber}/actions/note`, noteKey, { body: 'Intern anteckning.' });
    expect(note.status).toBe(202);
    expect(note.headers.get('location')).toBe(`/api/admin/cases/${caseNumber}/actions/requests/${noteKey}`);

    // Reopening an open case: admitted now, refused once the workflow sees it.
    const reopenKey = `ateroppna-${RUN_ID}`;
    expect((await post(`${staffPath}/actions/reopen`, reopenKey, {})).status).toBe(202);
    expect(await messagesOf(caseNumber)).toEqual([]);

    await startIdleWorker();

    const done = await outcome(statusUrl);
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ caseNumber, status: 'in_progress', statusLabel: 'Under behandling' });
    const customerDone = await outcome(message.headers.get('location')!, h.customerToken);
    expect(customerDone.status).toBe(200);
    expect(customerDone.json).toMatchObject({ caseNumber, version: expect.any(Number) });
    const noteDone = await outcome(note.headers.get('location')!);
    expect(noteDone.status).toBe(200);
    expect(noteDone.json).toMatchObject({ id: caseNumber, caseNumber });
    expect(noteDone.json.timeline.map((e: { action: string }) => e.action)).toContain('note');

    // The refusal shows at the status URL when the workflow's handler refused; its first check leaves
    // no trace, so the status URL then knows nothing, and resending with the same key tells why.
    const reopenStatus = await get(`${staffPath}/actions/requests/${reopenKey}`);
    expect([404, 409]).toContain(reopenStatus.status);
    const refusal = reopenStatus.status === 409 ? reopenStatus : await post(`${staffPath}/actions/reopen`, reopenKey, {});
    expect(refusal.status).toBe(409);
    expect(refusal.json.detail).toBe('Ärendet är inte avslutat och kan inte återöppnas.');

    // Exactly once: one reply, one message, one note, though the reply was sent twice; sending it a
    // third time with its key answers with the first one's outcome and writes nothing.
    const expected = [
      { body: 'Intern anteckning.', authorType: 'staff' },
      { body: 'Tack!', authorType: 'customer' },
      { body: 'Vi har tagit emot ditt ärende.', authorType: 'staff' },
    ];
    const sorted = async () => (await messagesOf(caseNumber)).sort((a, b) => a.body.localeCompare(b.body));
    expect(await sorted()).toEqual(expected);
    const third = await post(`${staffPath}/actions/reply`, replyKey, { body: 'Vi har tagit emot ditt ärende.' });
    expect(third.status).toBe(200);
    expect(third.json).toEqual(done.json);
    expect(await sorted()).toEqual(expected);
  });
});
