// Writes one workflow transition to Postgres: case row, timeline event, message and bell notifications.
import { ApplicationFailure } from '@temporalio/activity';
import type { CaseAction, CaseStatus } from '../domain/index.js';
import { notificationText } from '../domain/notification-texts.js';
import type { Transaction } from 'kysely';
import type { Db } from '../db/client.js';
import type { DB } from '../db/schema.js';
import type { Actor, EmailItemRef } from '../workflows/messages.js';

export interface TransitionRecord {
  caseId: number;
  caseNumber: string;
  version: number;
  action: CaseAction;
  actor: Actor;
  fromStatus: CaseStatus;
  toStatus: CaseStatus;
  assigneeId: number | null;
  body?: string;
  resolution?: string;
  notify: EmailItemRef[];
}

export function createRecordTransition(db: Db) {
  return async function recordTransition(t: TransitionRecord): Promise<'written' | 'already-written'> {
    return db.transaction().execute(write(t)).catch((err: unknown) => {
      // Data exceptions (22xxx) and constraint violations (23xxx) fail the same way on every retry.
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'string' && /^2[23]/.test(code)) {
        throw ApplicationFailure.nonRetryable(`Postgres refused the transition (${code})`, 'TransitionRefused');
      }
      throw err;
    });
  };

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
          data: JSON.stringify({ assigneeId: t.assigneeId, ...(t.resolution ? { resolution: t.resolution } : {}) }),
        })
        .execute();

      if (t.body) {
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
