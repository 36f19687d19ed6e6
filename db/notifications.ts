// The bell: a customer's in-portal notifications.
import { type Keyset, newestFirst, page } from './paging.js';
import type { Executor } from './client.js';

export async function listNotifications(db: Executor, accountId: number, o: { unreadOnly: boolean; after?: Keyset; limit: number }) {
  const rows = await newestFirst(
    db
      .selectFrom('notifications as n')
      .innerJoin('cases as c', 'c.id', 'n.caseId')
      .select(['n.id', 'n.kind', 'n.title', 'n.body', 'n.readAt', 'n.createdAt', 'c.caseNumber'])
      .where('n.customerAccountId', '=', accountId)
      .$if(o.unreadOnly, (q) => q.where('n.readAt', 'is', null)),
    { createdAt: 'n.createdAt', id: 'n.id' },
    o.after,
    o.limit,
  ).execute();
  return page(rows, o.limit, (r) => ({ createdAt: r.createdAt, id: r.id }));
}

export async function unreadCount(db: Executor, accountId: number): Promise<number> {
  const { n } = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customerAccountId', '=', accountId)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Marks one (or, without an id, all) of the account's notifications read; false when the id is not theirs. */
export async function markRead(db: Executor, accountId: number, notificationId?: number): Promise<boolean> {
  const res = await db
    .updateTable('notifications')
    .set({ readAt: new Date() })
    .where('customerAccountId', '=', accountId)
    .where('readAt', 'is', null)
    .$if(notificationId !== undefined, (q) => q.where('id', '=', notificationId!))
    .executeTakeFirst();
  if (notificationId === undefined || res.numUpdatedRows > 0n) return true;
  // Already read is fine; someone else's is not found.
  return (await db.selectFrom('notifications').select('id').where('id', '=', notificationId).where('customerAccountId', '=', accountId).executeTakeFirst()) !== undefined;
}

/** Marks the account's unread notifications about one case read (the case page was opened). */
export async function markCaseRead(db: Executor, accountId: number, caseId: number) {
  await db
    .updateTable('notifications')
    .set({ readAt: new Date() })
    .where('customerAccountId', '=', accountId)
    .where('caseId', '=', caseId)
    .where('readAt', 'is', null)
    .execute();
}
