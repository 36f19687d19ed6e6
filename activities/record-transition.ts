// Writes one workflow transition to Postgres: case row, timeline event, message and bell notifications.
import { ApplicationFailure } from '@temporalio/activity';
import { type CaseAction, type CaseStatus, EMAIL_FAILED_EVENT } from '../domain/index.js';
import { notificationText } from '../domain/notification-texts.js';
import type { Transaction } from 'kysely';
import type { Db } from '../db/client.js';
import type { DB } from '../db/schema.js';
import { writeClocks } from '../db/service-levels.js';
import type { ServiceLevelClocks } from '../domain/service-levels.js';
import type { Actor, EmailItemRef } from '../workflows/messages.js';
import { activityContext, whileHeartbeating } from './heartbeat.js';

export interface TransitionRecord {
  caseId: number;
  caseNumber: string;
  version: number;
  /** An action, or the system's event that an e-mail was refused for good (with `emailKey`). */
  action: CaseAction | typeof EMAIL_FAILED_EVENT;
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
    const run = () => db.transaction().execute(write(t));
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

  /** Read here, not carried in workflow history: the address and the relay's reply are personal data. */
  async function refusedEmail(trx: Transaction<DB>, key: string) {
    const row = await trx.selectFrom('email_log').select(['recipient', 'error']).where('idempotencyKey', '=', key).executeTakeFirst();
    return { emailKey: key, recipient: row?.recipient ?? null, reason: row?.error ?? null };
  }

  function write(t: TransitionRecord) {
    return async (trx: Transaction<DB>): Promise<'written' | 'already-written'> => {
      const now = new Date();
      // The version guard makes a retried or late activity a no-op.
      const updated = await trx
        .updateTable('cases')
        .set({
          status: t.toStatus,
          version: t.version,
          assigneeId: t.assigneeId,
          updatedAt: now,
          ...(t.toStatus === 'closed' && t.fromStatus !== 'closed' ? { closedAt: now, resolution: t.resolution ?? null } : {}),
          ...(t.action === 'reopen' ? { closedAt: null, resolution: null } : {}),
        })
        .where('id', '=', t.caseId)
        .where('version', '<', t.version)
        .executeTakeFirst();
      if (updated.numUpdatedRows === 0n) return 'already-written';
      if (t.serviceLevels) await writeClocks(trx, t.caseId, t.serviceLevels.clocks, t.serviceLevels.nextDueAt);

      await trx
        .insertInto('case_events')
        .values({
          caseId: t.caseId,
          version: t.version,
          action: t.action,
          actorType: t.actor.type,
          actorId: t.actor.id,
          fromStatus: t.fromStatus,
          toStatus: t.toStatus,
          data: JSON.stringify({
            assigneeId: t.assigneeId,
            ...(t.resolution ? { resolution: t.resolution } : {}),
            ...(t.emailKey ? await refusedEmail(trx, t.emailKey) : {}),
          }),
        })
        .execute();

      if (t.body && t.actor.type !== 'system') {
        await trx
          .insertInto('case_messages')
          .values({
            caseId: t.caseId,
            version: t.version,
            authorType: t.actor.type,
            authorId: t.actor.id,
            visibility: t.action === 'note' ? 'internal' : 'public',
            body: t.body,
          })
          .execute();
      }

      const reporter = await trx.selectFrom('cases').select('reporterId').where('id', '=', t.caseId).executeTakeFirstOrThrow();
      if (reporter.reporterId !== null && t.notify.length > 0) {
        await trx
          .insertInto('notifications')
          .values(
            t.notify.map((item) => ({
              dedupeKey: `${t.caseNumber}:${t.version}:${item.kind}`,
              customerAccountId: reporter.reporterId!,
              caseId: t.caseId,
              kind: item.kind,
              ...notificationText(t.caseNumber, item),
            })),
          )
          .onConflict((oc) => oc.column('dedupeKey').doNothing())
          .execute();
      }
      return 'written';
    };
  }
}
