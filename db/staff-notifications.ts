// A staff member's notifications in the back office: newest first, the unread count, marking them read.
import type { Executor } from './client.js';

export const listStaffNotifications = (db: Executor, staffId: number, page: { offset: number; limit: number; unreadOnly: boolean }) => {
  let q = db
    .selectFrom('staff_notifications as n')
    .innerJoin('cases as c', 'c.id', 'n.caseId')
    .select(['n.id', 'n.kind', 'n.clock', 'n.title', 'n.body', 'n.readAt', 'n.createdAt', 'c.caseNumber'])
    .where('n.staffId', '=', staffId);
  if (page.unreadOnly) q = q.where('n.readAt', 'is', null);
  return q.orderBy('n.id', 'desc').offset(page.offset).limit(page.limit).execute();
};

export const countStaffNotifications = async (db: Executor, staffId: number, unreadOnly: boolean) => {
  let q = db.selectFrom('staff_notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('staffId', '=', staffId);
  if (unreadOnly) q = q.where('readAt', 'is', null);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

/** One of the staff member's notifications, or all of them (no id); false when the one asked for is not theirs. */
export async function markStaffNotificationsRead(db: Executor, staffId: number, id?: number): Promise<boolean> {
  let q = db.updateTable('staff_notifications').set({ readAt: new Date() }).where('staffId', '=', staffId).where('readAt', 'is', null);
  if (id !== undefined) q = q.where('id', '=', id);
  await q.execute();
  if (id === undefined) return true;
  return (await db.selectFrom('staff_notifications').select('id').where('id', '=', id).where('staffId', '=', staffId).executeTakeFirst()) !== undefined;
}

/** A case's service-level warnings and breaches for its timeline: each once, when first raised (to anyone). */
export const caseServiceLevelEvents = (db: Executor, caseId: number) =>
  db
    .selectFrom('staff_notifications')
    .select(['kind', 'clock'])
    .select((eb) => eb.fn.min('createdAt').as('at'))
    .where('caseId', '=', caseId)
    .groupBy(['kind', 'clock'])
    .orderBy('at')
    .execute();
