// The recipient mailbox's contract: what a case hands over while the office is closed, and what the
// mailbox tells a case back. Payloads carry case ids, numbers and item references only: no address,
// no name, no personnummer (the mailbox's own id is a keyed hash of the address).
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { BusinessCalendarConfig } from './business-hours.js';
import type { EmailItemRef } from './messages.js';

export const MAILBOX_WORKFLOW_TYPE = 'mailboxWorkflow';

/** What one case queued for its customer while the office was closed: one row in the e-mail log. */
export interface DigestPart {
  caseId: number;
  caseNumber: string;
  /** Where a refusal is reported back to. */
  caseWorkflowId: string;
  /** The e-mail log key of this case's part (`<case number>:email:<from>-<to>`). */
  key: string;
  items: EmailItemRef[];
}

export interface MailboxInput {
  calendar: BusinessCalendarConfig;
  /** Parts carried through continue-as-new. */
  held?: DigestPart[];
  /** Test hook: continue-as-new once history passes this many events. */
  continueAsNewAfterEvents?: number;
}

/** A case hands a part to its recipient's mailbox (sent with signalWithStart by the holdForDigest activity). */
export const holdForDigestSignal = defineSignal<[DigestPart]>('holdForDigest');

/** The mailbox sent a digest the relay refused for good: the case records it on its timeline. */
export const emailRefusedSignal = defineSignal<[{ key: string }]>('emailRefused');

/** What the mailbox holds now, for ops and tests. */
export const mailboxQuery = defineQuery<{ parts: number; cases: number }>('mailbox');

/**
 * The mailboxes and every e-mail sending activity run on a task queue of their own beside the case
 * queue, whose worker caps the sends' rate (EMAIL_MAX_PER_SECOND): a 09:00 burst queues there and
 * never in front of a handler's action on the case queue.
 */
export const emailTaskQueue = (caseTaskQueue: string) => `${caseTaskQueue}-email`;
