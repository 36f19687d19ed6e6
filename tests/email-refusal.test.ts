// A relay that refuses the customer's address for good (550) never fails the case: the refusal is
// logged and shown to the handler, the workflow goes on, and once the mailbox works again the next
// notification arrives and the flag goes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { question } from '../scripts/sample-cases.js';
import { type Harness, RUN_ID, sleep, startHarness } from './helpers/harness.js';
import { recordHistory } from './helpers/record-history.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

const email = `studsar.${RUN_ID}@exempel.se`;
const adminApi = (method: string, path: string, body?: unknown) =>
  h.api(method, `/api/admin${path}`, { token: h.staffToken, ...(body !== undefined ? { body } : {}) });
/** The case's workflow: by the id on its row where there is one (case number plus a random part), else the case number. */
async function caseWorkflow(caseNumber: string) {
  const row = await h.db.selectFrom('cases').selectAll().where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
  return h.temporal.workflow.getHandle((row as { workflowId?: string }).workflowId ?? caseNumber);
}
const inQueue = async (queue: string, caseNumber: string) =>
  (await adminApi('GET', `/cases?filter=${encodeURIComponent(JSON.stringify({ queue, id: [caseNumber] }))}`)).json.length === 1;

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe();
    if (got !== undefined) return got;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('an address the relay refuses for good', () => {
  let caseNumber: string;
  let caseId: number;

  it('logs the refused receipt, writes a timeline event and keeps the workflow running', async () => {
    h.mail.refused.add(email);
    const countsBefore = (await adminApi('GET', '/queue-counts')).json;
    const submitted = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: question(email) });
    expect(submitted.status).toBe(201);
    caseNumber = submitted.json.caseNumber;
    caseId = (await h.db.selectFrom('cases').select('id').where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow()).id;

    const event = await until('the email_failed event', () =>
      h.db.selectFrom('case_events').selectAll().where('caseId', '=', caseId).where('action', '=', 'email_failed').executeTakeFirst(),
    );
    expect(event).toMatchObject({ version: 2, actorType: 'system', actorId: null, fromStatus: 'submitted', toStatus: 'submitted' });
    expect(event.data).toMatchObject({ recipient: email, reason: expect.stringContaining('550') });

    const log = await h.db.selectFrom('email_log').selectAll().where('caseId', '=', caseId).execute();
    expect(log).toEqual([expect.objectContaining({ status: 'failed', recipient: email, error: expect.stringMatching(/^550 .*Mailbox unavailable/) })]);
    expect(h.receivedBy(email)).toHaveLength(0);

    const handle = await caseWorkflow(caseNumber);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    // The refusal is in history as a failed activity, without the address (failures are stored in clear).
    const history = JSON.stringify(await handle.fetchHistory());
    expect(history).toContain('SmtpPermanentError');
    expect(history).not.toContain(email);

    // The handler sees the flag on the case page, the event in the timeline, and the case in its queue.
    const detail = (await adminApi('GET', `/cases/${caseNumber}`)).json;
    expect(detail.undeliveredEmail).toEqual({ recipient: email, reason: expect.stringContaining('550'), at: expect.any(String) });
    expect(detail.timeline.at(-1)).toMatchObject({
      action: 'email_failed',
      actor: { type: 'system', id: null, name: 'System' },
      email: { recipient: email, reason: expect.stringContaining('Mailbox unavailable') },
    });
    expect(await inQueue('undelivered', caseNumber)).toBe(true);
    const counts = (await adminApi('GET', '/queue-counts')).json;
    expect(counts.undelivered).toBeGreaterThanOrEqual(countsBefore.undelivered + 1);
    expect(counts.undeliveredCapped).toBe(false);

    // The customer's own view has no trace of it.
    const mine = (await h.api('GET', `/api/v1/cases/${caseNumber}`, { token: h.customerToken })).json;
    expect(mine.timeline.map((e: { action: string }) => e.action)).toEqual(['submit']);
  });

  it('goes on with later actions and notifications: the next e-mail arrives once the mailbox works', async () => {
    h.mail.refused.delete(email);
    const take = await h.staffAction(caseNumber, 'take');
    expect(take.status).toBe(200);
    expect(take.json).toMatchObject({ status: 'in_progress', version: 3 });

    const [mail] = await h.mailsTo(email, 1);
    expect(mail!.subject).toBe(`Ärende ${caseNumber} har fått status Under behandling`);
    await until('the sent log row', async () =>
      (await h.db.selectFrom('email_log').select('status').where('caseId', '=', caseId).where('status', '=', 'sent').executeTakeFirst()) ?? undefined,
    );
    const statuses = await h.db.selectFrom('email_log').select('status').where('caseId', '=', caseId).orderBy('id').execute();
    expect(statuses.map((s) => s.status)).toEqual(['failed', 'sent']);

    // Delivered: the flag and the queue entry go; the timeline keeps the refusal.
    const detail = (await adminApi('GET', `/cases/${caseNumber}`)).json;
    expect(detail.undeliveredEmail).toBeNull();
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'email_failed', 'take']);
    expect(await inQueue('undelivered', caseNumber)).toBe(false);
    expect((await (await caseWorkflow(caseNumber)).describe()).status.name).toBe('RUNNING');
  });

  it('refuses again on a later notification and flags the case again, then leaves the queue when closed', async () => {
    h.mail.refused.add(email);
    expect((await h.staffAction(caseNumber, 'reply', { body: 'Vi har fått din fråga.' })).status).toBe(200);
    await until('the second refusal', async () => {
      const d = (await adminApi('GET', `/cases/${caseNumber}`)).json;
      return d.undeliveredEmail ? d : undefined;
    });
    expect(await inQueue('undelivered', caseNumber)).toBe(true);

    const close = await h.staffAction(caseNumber, 'close', { resolution: 'Besvarat per telefon.' });
    expect(close.status).toBe(200);
    // The closing e-mail is refused too: the case stays flagged, but a closed case is no one's work.
    await until('the third refusal', async () => {
      const failed = await h.db.selectFrom('email_log').select('id').where('caseId', '=', caseId).where('status', '=', 'failed').execute();
      return failed.length === 3 ? failed : undefined;
    });
    expect((await adminApi('GET', `/cases/${caseNumber}`)).json.undeliveredEmail).not.toBeNull();
    expect(await inQueue('undelivered', caseNumber)).toBe(false);
    const handle = await caseWorkflow(caseNumber);
    expect((await handle.describe()).status.name).toBe('RUNNING'); // waiting for a reopen, as every closed case
    // Refusals, a delivery in between, actions: tests/replay.test.ts replays this.
    await recordHistory(handle, 'refused-email');
  });
});
