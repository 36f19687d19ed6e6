// A case hands what it queued while the office is closed to its recipient's mailbox workflow, started
// on demand (signalWithStart). The mailbox's id is a keyed hash of the address, so neither the address
// nor anything else personal reaches Temporal; the part's row in the e-mail log says it is held.
import { createHmac } from 'node:crypto';
import { Context } from '@temporalio/activity';
import type { Contact } from '../domain/index.js';
import type { Db } from '../db/client.js';
import type { BusinessCalendarConfig } from '../workflows/business-hours.js';
import { MAILBOX_WORKFLOW_TYPE, type DigestPart, type MailboxInput, emailTaskQueue, holdForDigestSignal } from '../workflows/mailbox-messages.js';
import type { EmailItemRef } from '../workflows/messages.js';

export interface HoldForDigestInput {
  caseId: number;
  caseNumber: string;
  key: string;
  items: EmailItemRef[];
  /** The case's calendar: the mailbox sends at its next opening. */
  calendar: BusinessCalendarConfig;
}

/** Until the digest is sent, the part's row has this subject (the digest's own replaces it). */
export const HELD_SUBJECT = '(väntar på samlat utskick)';

/** The recipient's mailbox workflow id: the same for every case of one address, case and spacing aside. */
export function mailboxIdFor(hashKey: string, email: string): string {
  return `mailbox-${createHmac('sha256', hashKey).update(email.trim().toLowerCase()).digest('hex').slice(0, 32)}`;
}

export function createHoldForDigest({ db, recipientHashKey }: { db: Db; recipientHashKey: string | undefined }) {
  return async function holdForDigest(input: HoldForDigestInput): Promise<'held' | 'opted-out'> {
    const row = await db.selectFrom('cases').select(['payload']).where('id', '=', input.caseId).executeTakeFirstOrThrow();
    const contact = (row.payload as { contact: Contact }).contact;
    await db
      .insertInto('email_log')
      .values({
        idempotencyKey: input.key,
        caseId: input.caseId,
        recipient: contact.email,
        subject: HELD_SUBJECT,
        status: contact.notifyByEmail ? 'pending' : 'skipped',
      })
      .onConflict((oc) => oc.column('idempotencyKey').doNothing())
      .execute();
    if (!contact.notifyByEmail) return 'opted-out';
    if (!recipientHashKey) throw new Error('holdForDigest: no recipientHashKey in the activities\' dependencies');
    const ctx = Context.current();
    const part: DigestPart = {
      caseId: input.caseId,
      caseNumber: input.caseNumber,
      caseWorkflowId: ctx.info.workflowExecution!.workflowId, // always set for an activity a workflow scheduled
      key: input.key,
      items: input.items,
    };
    const mailboxInput: MailboxInput = { calendar: input.calendar };
    await ctx.client.workflow.signalWithStart(MAILBOX_WORKFLOW_TYPE, {
      workflowId: mailboxIdFor(recipientHashKey, contact.email),
      taskQueue: emailTaskQueue(ctx.info.taskQueue), // the case's queue's e-mail queue: a burst waits there
      args: [mailboxInput],
      signal: holdForDigestSignal,
      signalArgs: [part],
      staticSummary: 'Samlat utskick till en mottagare',
    });
    return 'held';
  };
}
