// Digests per person: what a recipient's cases queue while the office is closed waits in the
// recipient's mailbox workflow and leaves at the opening as one e-mail listing each case; never twice,
// at the e-mail queue's rate cap, and a refused address still reaches each case's timeline.
// The office opens some seconds after the cases are held (a calendar in seconds, as
// tests/business-hours-email.test.ts does).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailboxIdFor } from '../activities/hold-for-digest.js';
import { createSendDigest, digestKeyFor } from '../activities/send-digest.js';
import { messageIdFor } from '../activities/send-case-email.js';
import { loadConfig } from '../config/index.js';
import { insertSubmittedCase } from '../db/cases.js';
import { caseSubmissionSchema } from '../domain/index.js';
import { question } from '../scripts/sample-cases.js';
import { startCaseWorkflow } from '../temporal/start-case.js';
import { MAILBOX_WORKFLOW_TYPE, type DigestPart, type MailboxInput, emailTaskQueue, holdForDigestSignal, mailboxQuery } from '../workflows/mailbox-messages.js';
import { caseStateQuery } from '../workflows/messages.js';
import { type Harness, RUN_ID, sleep, startHarness } from './helpers/harness.js';
import { recordHistory } from './helpers/record-history.js';
import { windowFrom } from '../scripts/opening-window.js';

/** Time to submit and hold every case below on a loaded machine before the office opens. */
const OPENS_IN_MS = 45_000;
/** The e-mail queue's cap in this file: low enough to see in the send times. */
const CAP_PER_SECOND = 2;
const RATE_RECIPIENTS = 10;

const freshEmail = (label: string) => `${label}.${RUN_ID}.${randomUUID().slice(0, 8)}@exempel.se`;
const schema = caseSubmissionSchema({ pickupOffices: [] });
const hashKey = loadConfig().PNR_HASH_KEY;

let h: Harness;
let opensAt: Date;
beforeAll(async () => {
  opensAt = new Date(Math.ceil((Date.now() + OPENS_IN_MS) / 1000) * 1000);
  h = await startHarness({
    calendar: windowFrom(opensAt, 0.5),
    emailMaxPerSecond: CAP_PER_SECOND,
  });
}, 60_000);
afterAll(() => h?.stop());

/** A case committed in Postgres and its workflow started, as the API does, without the HTTP round trip. */
async function heldCase(email: string) {
  const row = await h.db.transaction().execute((trx) =>
    insertSubmittedCase(trx, { sealedSubmission: h.cipher.sealSubmission(schema.parse(question(email))), reporterId: h.accountId, organisationId: h.organisationId }),
  );
  await startCaseWorkflow(h.temporal, row, h.workflow);
  return row;
}
const mailbox = (email: string) => h.temporal.workflow.getHandle(mailboxIdFor(hashKey, email));
async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; await sleep(200)) {
    const got = await probe().catch(() => undefined);
    if (got !== undefined) return got;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}
const logOf = (caseNumbers: string[]) =>
  h.db.selectFrom('email_log').innerJoin('cases', 'cases.id', 'email_log.caseId').select(['cases.caseNumber', 'email_log.idempotencyKey', 'email_log.status', 'email_log.messageId', 'email_log.error']).where('cases.caseNumber', 'in', caseNumbers).execute();

describe('digests per recipient', () => {
  const person = freshEmail('asa');
  const refusedPerson = freshEmail('studsar');
  const rateRecipients = Array.from({ length: RATE_RECIPIENTS }, (_, i) => freshEmail(`takt${i}`));
  const threeCases: string[] = [];
  const refusedCases: Array<{ id: number; caseNumber: string }> = [];

  it('holds three cases of one person, with what happened in them, in the person\'s mailbox while closed', async () => {
    h.mail.refused.add(refusedPerson);
    for (let i = 0; i < 3; i++) {
      const submitted = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: question(person) });
      expect(submitted.status).toBe(201);
      threeCases.push(submitted.json.caseNumber);
    }
    // The second case is taken while closed: its receipt and its status change leave together.
    expect([200, 202]).toContain((await h.staffAction(threeCases[1]!, 'take')).status); // 202: done soon, on a loaded machine
    await until('the take', async () =>
      (await h.db.selectFrom('cases').select('status').where('caseNumber', '=', threeCases[1]!).executeTakeFirst())?.status === 'in_progress' ? true : undefined,
    );
    for (const email of rateRecipients) await heldCase(email);
    for (let i = 0; i < 2; i++) refusedCases.push(await heldCase(refusedPerson));

    const held = await until('the three cases in the mailbox', async () => {
      const q = await mailbox(person).query(mailboxQuery);
      return q.cases === 3 ? q : undefined;
    });
    expect(held.cases).toBe(3);
    expect(Date.now()).toBeLessThan(opensAt.getTime());
    // The cases hold nothing themselves; nothing has been sent; the log says each part is waiting.
    for (const n of threeCases) expect((await (await h.caseWorkflow(n)).query(caseStateQuery)).pendingEmails).toBe(0);
    expect(h.receivedBy(person)).toHaveLength(0);
    expect(new Set((await logOf(threeCases)).map((r) => r.status))).toEqual(new Set(['pending']));
    // No address in Temporal: the mailbox's id is a keyed hash; its payloads hold case refs only.
    const id = mailboxIdFor(hashKey, person);
    expect(id).toMatch(/^mailbox-[0-9a-f]{32}$/);
    expect(mailboxIdFor(hashKey, ` ${person.toUpperCase()} `)).toBe(id);
    expect((await mailbox(person).describe()).type).toBe(MAILBOX_WORKFLOW_TYPE);
  }, 120_000);

  it('sends them at the opening as one e-mail listing each case and what happened in it', async () => {
    const [mail] = await h.mailsTo(person, 1, OPENS_IN_MS + 30_000);
    expect(new Date(mail!.date).getTime()).toBeGreaterThanOrEqual(opensAt.getTime());
    expect(mail!.subject).toBe('Uppdateringar i 3 av dina ärenden');
    for (const n of threeCases) expect(mail!.text).toContain(`Ärende ${n}`);
    expect(mail!.text.match(/Ditt ärende är nu inskickat/g)).toHaveLength(3);
    expect(mail!.text).toContain('från Inskickat till Under behandling');
    expect(mail!.subject).not.toContain(person);

    // One row per case, all sent with the digest's Message-ID.
    const log = await until('the sent rows', async () => {
      const rows = await logOf(threeCases);
      return rows.every((r) => r.status === 'sent') ? rows : undefined;
    });
    // The taken case handed over once or twice (receipt, then status change), as the take fell.
    expect(new Set(log.map((r) => r.caseNumber))).toEqual(new Set(threeCases));
    const messageId = messageIdFor(digestKeyFor(log.map((r) => r.idempotencyKey)));
    expect(mail!.messageId).toBe(messageId);
    expect(new Set(log.map((r) => r.messageId))).toEqual(new Set([messageId]));
    await until('the mailbox to complete', async () => ((await mailbox(person).describe()).status.name === 'COMPLETED' ? true : undefined));
    await recordHistory(mailbox(person), 'recipient-digest-mailbox');
    await recordHistory(await h.caseWorkflow(threeCases[1]!), 'recipient-digest-case');
  }, 120_000);

  it('sends nothing twice: a part handed over again, and the digest sent again, find it sent', async () => {
    const [log] = await logOf([threeCases[0]!]);
    const row = await h.db.selectFrom('cases').select(['id', 'workflowId']).where('caseNumber', '=', threeCases[0]!).executeTakeFirstOrThrow();
    const part: DigestPart = { caseId: row.id, caseNumber: threeCases[0]!, caseWorkflowId: row.workflowId, key: log!.idempotencyKey, items: [{ kind: 'received', version: 1 }] };
    // A hand-over retried after the mailbox had sent and completed starts a new run; it finds the part sent.
    const input: MailboxInput = { calendar: h.workflow.calendar };
    const again = await h.temporal.workflow.signalWithStart(MAILBOX_WORKFLOW_TYPE, {
      workflowId: mailboxIdFor(hashKey, person),
      taskQueue: emailTaskQueue(h.workflow.taskQueue),
      args: [input],
      signal: holdForDigestSignal,
      signalArgs: [part],
    });
    await again.result();
    // The activity itself, as a retry of a finished attempt would run it.
    expect(await createSendDigest(h.deps)({ mailboxId: 'test', parts: [part] })).toEqual({ sent: 0, refused: [] });
    await sleep(1_500);
    expect(h.receivedBy(person)).toHaveLength(1);
  }, 60_000);

  it(`caps the rate: ${RATE_RECIPIENTS} digests released at once leave at about ${CAP_PER_SECOND} a second`, async () => {
    const mails = (await Promise.all(rateRecipients.map((r) => h.mailsTo(r, 1, 60_000)))).flat();
    expect(mails).toHaveLength(RATE_RECIPIENTS);
    const times = mails.map((m) => new Date(m.date).getTime()).sort((a, b) => a - b);
    // Token buckets: the server lets a first burst through (each of the queue's partitions its own),
    // then the rate. Between any two sends, at most CAP × their distance in seconds, plus that burst
    // (the 12 digests of this file share the queue; these 10 are a part of them). Without the cap all
    // 10 leave within a second or so.
    const burst = 2 * CAP_PER_SECOND + 1;
    for (let i = 0; i < times.length; i++) {
      for (let j = i + 1; j < times.length; j++) expect(j - i + 1).toBeLessThanOrEqual(CAP_PER_SECOND * ((times[j]! - times[i]!) / 1000) + burst);
    }
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(((RATE_RECIPIENTS - burst) / CAP_PER_SECOND) * 1000);
  }, 90_000);

  it('reports a refused digest to each of its cases: an email_failed event on every timeline', async () => {
    for (const c of refusedCases) {
      const event = await until(`the email_failed event of ${c.caseNumber}`, () =>
        h.db.selectFrom('case_events').selectAll().where('caseId', '=', c.id).where('action', '=', 'email_failed').executeTakeFirst(),
      );
      expect(event).toMatchObject({ version: 2, actorType: 'system', fromStatus: 'submitted', toStatus: 'submitted' });
      expect(event.data).toMatchObject({ recipient: refusedPerson, reason: expect.stringContaining('550') });
      const detail = (await h.api('GET', `/api/admin/cases/${c.caseNumber}`, { token: h.staffToken })).json;
      expect(detail.undeliveredEmail).toMatchObject({ recipient: refusedPerson });
    }
    expect((await logOf(refusedCases.map((c) => c.caseNumber))).map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(h.receivedBy(refusedPerson)).toHaveLength(0);
    await recordHistory(mailbox(refusedPerson), 'recipient-digest-refused');
  }, 90_000);
});
