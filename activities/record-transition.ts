// Writes one workflow transition to Postgres: case row, timeline event, message and bell notifications.
import { ApplicationFailure } from '@temporalio/activity';
import { type AUTO_CLOSE_EVENT, type CUSTOMER_REMINDER_EVENT, type CaseAction, type CaseStatus, EMAIL_FAILED_EVENT } from '../domain/index.js';
import { notificationText } from '../domain/notification-texts.js';
import type { Db } from '../db/client.js';
import { writeClocks } from '../db/service-levels.js';
import { writeTransition } from '../db/transitions.js';
import type { ServiceLevelClocks } from '../domain/service-levels.js';
import type { Actor, EmailItemRef } from '../workflows/messages.js';
import { activityContext, whileHeartbeating } from './heartbeat.js';

export interface TransitionRecord {
  caseId: number;
  caseNumber: string;
  version: number;
  /** An action, or the system's event: an e-mail refused for good (with `emailKey`), a silent customer reminded or the case closed. */
  action: CaseAction | typeof EMAIL_FAILED_EVENT | typeof CUSTOMER_REMINDER_EVENT | typeof AUTO_CLOSE_EVENT;
  actor: Actor | { type: 'system'; id: null };
  fromStatus: CaseStatus;
  toStatus: CaseStatus;
  assigneeId: number | null;
  body?: string;
  resolution?: string;
  notify: EmailItemRef[];
  /** The refused e-mail's log key: the event records its recipient and the relay's reason. */
  emailKey?: string;
  /** The case's service-level clocks after the transition, written with it (cases measured since the clocks came). */
  serviceLevels?: { clocks: ServiceLevelClocks; nextDueAt: string | null };
}

export function createRecordTransition(db: Db) {
  return async function recordTransition(t: TransitionRecord): Promise<'written' | 'already-written'> {
    const run = () => write(t);
    // The workflow runs this as a local activity, which has no heartbeat: a dead worker is noticed by the
    // workflow task timeout. Attempts of the activity task that cases from before the local activity may
    // still have scheduled heartbeat, so that the Update waiting on one resolves in seconds.
    const written = activityContext()?.info.isLocal ? run() : whileHeartbeating(run);
    return written.catch((err: unknown) => {
      // Data exceptions (22xxx) and constraint violations (23xxx) fail the same way on every retry.
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'string' && /^2[23]/.test(code)) {
        throw ApplicationFailure.nonRetryable(`Postgres refused the transition (${code})`, 'TransitionRefused');
      }
      throw err;
    });
  };

  /** One statement (db/transitions.ts); with service-level clocks, they follow in the same transaction. */
  async function write(t: TransitionRecord): Promise<'written' | 'already-written'> {
    const transition = {
      caseId: t.caseId,
      version: t.version,
      action: t.action,
      actor: t.actor,
      fromStatus: t.fromStatus,
      toStatus: t.toStatus,
      assigneeId: t.assigneeId,
      ...(t.toStatus === 'closed' && t.fromStatus !== 'closed' ? { closes: { resolution: t.resolution ?? null } } : {}),
      reopens: t.action === 'reopen',
      data: { assigneeId: t.assigneeId, ...(t.resolution ? { resolution: t.resolution } : {}) },
      ...(t.emailKey ? { emailKey: t.emailKey } : {}),
      ...(t.body && t.actor.type !== 'system' ? { message: { visibility: t.action === 'note' ? 'internal' : 'public', body: t.body } as const } : {}),
      bells: t.notify.map((item) => ({ dedupeKey: `${t.caseNumber}:${t.version}:${item.kind}`, kind: item.kind, ...notificationText(t.caseNumber, item) })),
    };
    const clocks = t.serviceLevels;
    const written = clocks
      ? await db.transaction().execute(async (trx) => {
          if (!(await writeTransition(trx, transition))) return false;
          await writeClocks(trx, t.caseId, clocks.clocks, clocks.nextDueAt);
          return true;
        })
      : await writeTransition(db, transition);
    return written ? 'written' : 'already-written';
  }
}
