// Fast, honest redelivery: a send whose worker dies is retried within seconds (heartbeat timeout,
// and the retry takes over the dead attempt's claim), and when the relay had already accepted the
// first copy, the second carries the same Message-ID.
import { randomUUID } from 'node:crypto';
import { Context, asyncLocalStorage } from '@temporalio/activity';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../activities/index.js';
import type { SmtpTransport } from '../activities/email/transport.js';
import { createSendCaseEmail, messageIdFor } from '../activities/send-case-email.js';
import { loadConfig } from '../config/index.js';
import { insertSubmittedCase } from '../db/cases.js';
import { caseSubmissionSchema } from '../domain/index.js';
import { question } from '../scripts/sample-cases.js';
import { caseDataConverter } from '../temporal/payload-codec.js';
import { startCaseWorkflow } from '../temporal/start-case.js';
import { WORKFLOWS_PATH } from '../worker/create-worker.js';
import { emailTaskQueue } from '../workflows/mailbox-messages.js';
import { ALWAYS_OPEN, type Harness, RUN_ID, sleep, startHarness } from './helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

const freshEmail = (label: string) => `${label}.${RUN_ID}.${randomUUID().slice(0, 8)}@exempel.se`;
const schema = caseSubmissionSchema({ pickupOffices: [] });

/** A case in Postgres whose workflow the test starts itself, on its own task queue. */
const commitCase = (email: string) =>
  h.db.transaction().execute((trx) =>
    insertSubmittedCase(trx, {
      sealedSubmission: h.cipher.sealSubmission(schema.parse(question(email))),
      reporterId: h.accountId,
      organisationId: h.organisationId,
    }),
  );

describe('two sends of one e-mail log key', () => {
  it('carry the same Message-ID, derived from the key, when an attempt takes over a given-up claim', async () => {
    const email = freshEmail('samma-id');
    const row = await commitCase(email);
    const send = createSendCaseEmail(h.deps);
    const key = `${row.caseNumber}:test:${randomUUID()}`;
    const input = { caseId: row.id, caseNumber: row.caseNumber, key, items: [{ kind: 'received' as const, version: 1 }] };

    expect(await send(input)).toBe('sent');
    // As if an earlier attempt had claimed, handed the message to the relay and died before the log said 'sent'.
    await h.db.updateTable('email_log').set({ status: 'sending', claimedBy: 'direct', claimAttempt: 0 }).where('idempotencyKey', '=', key).execute();
    expect(await send(input)).toBe('sent');

    const copies = await h.mailsTo(email, 2);
    expect(copies.map((m) => m.messageId)).toEqual([messageIdFor(key), messageIdFor(key)]);
    expect(messageIdFor(key)).toBe(`<${key.replaceAll(':', '.')}@kundportal>`);
    const log = await h.db.selectFrom('email_log').selectAll().where('idempotencyKey', '=', key).executeTakeFirstOrThrow();
    expect(log).toMatchObject({ status: 'sent', messageId: messageIdFor(key), claimAttempt: 1 });
  });

  it('leave a fresh claim of another workflow run alone: no second copy while it may still be sending', async () => {
    const email = freshEmail('annan-korning');
    const row = await commitCase(email);
    const send = createSendCaseEmail(h.deps);
    const key = `${row.caseNumber}:test:${randomUUID()}`;
    const input = { caseId: row.id, caseNumber: row.caseNumber, key, items: [{ kind: 'received' as const, version: 1 }] };
    await h.db
      .insertInto('email_log')
      .values({ idempotencyKey: key, caseId: row.id, recipient: email, subject: 'x', status: 'sending', claimedAt: new Date(), claimedBy: 'wf/other-run/1', claimAttempt: 5 })
      .execute();
    await expect(send(input)).rejects.toThrow(/skickas redan/);
    await sleep(500);
    expect(h.receivedBy(email)).toHaveLength(0);
  });
});

describe('a worker that dies while sending', () => {
  let worker: Worker | undefined;
  let emailWorker: Worker | undefined;
  let running: Promise<unknown> | undefined;
  let connection: NativeConnection | undefined;
  afterAll(async () => {
    worker?.shutdown();
    emailWorker?.shutdown();
    await running;
    await connection?.close();
  });

  it('is replaced within seconds, and the duplicate the relay got carries the same Message-ID', async () => {
    const email = freshEmail('dog');
    const real = createActivities(h.deps);
    let diedAt = 0;
    // Attempt 1 hands the message to the relay and then goes silent: no heartbeat, no answer, as a
    // killed worker would. Only its cancellation at shutdown ends it.
    const dying = (ctx: Context): SmtpTransport =>
      ({
        sendMail: async (mail: Parameters<SmtpTransport['sendMail']>[0]) => {
          await h.deps.transport.sendMail(mail);
          diedAt = Date.now();
          return new Promise((_, reject) => ctx.cancellationSignal.addEventListener('abort', () => reject(new Error('stopped'))));
        },
      }) as unknown as SmtpTransport;
    const sendCaseEmail: typeof real.sendCaseEmail = async (input) => {
      const ctx = Context.current();
      if (ctx.info.attempt > 1) return real.sendCaseEmail(input);
      const silent = Object.create(ctx, { heartbeat: { value: () => {} } }) as Context;
      return asyncLocalStorage.run(silent, () => createSendCaseEmail({ ...h.deps, transport: dying(ctx) })(input));
    };

    const taskQueue = `redelivery-${randomUUID()}`;
    connection = await NativeConnection.connect({ address: inject('temporalAddress') });
    worker = await Worker.create({
      connection,
      namespace: 'default',
      taskQueue,
      workflowsPath: WORKFLOWS_PATH,
      activities: { ...real, sendCaseEmail },
      dataConverter: caseDataConverter(loadConfig().TEMPORAL_PAYLOAD_KEY),
    });
    // The case sends on its e-mail queue (workflows/mailbox-messages.ts), as the real worker wires it.
    emailWorker = await Worker.create({
      connection,
      namespace: 'default',
      taskQueue: emailTaskQueue(taskQueue),
      activities: { sendCaseEmail },
      dataConverter: caseDataConverter(loadConfig().TEMPORAL_PAYLOAD_KEY),
    });
    running = Promise.all([worker.run(), emailWorker.run()]);

    const row = await commitCase(email);
    await startCaseWorkflow(h.temporal, row, { taskQueue, calendar: ALWAYS_OPEN });
    const [first, second] = await h.mailsTo(email, 2, 30_000);
    const redeliveredAfterMs = Date.now() - diedAt;

    // Heartbeat timeout (5 s) plus the first retry interval, not the 60 s start-to-close timeout.
    expect(redeliveredAfterMs).toBeLessThan(12_000);
    const key = `${row.caseNumber}:email:1-1`;
    expect(first!.messageId).toBe(messageIdFor(key));
    expect(second!.messageId).toBe(messageIdFor(key));
    const log = await h.db.selectFrom('email_log').selectAll().where('idempotencyKey', '=', key).executeTakeFirstOrThrow();
    expect(log).toMatchObject({ status: 'sent', claimAttempt: 2 });
    await sleep(1000);
    expect(h.receivedBy(email)).toHaveLength(2);
  });
});
