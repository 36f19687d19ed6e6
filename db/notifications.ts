// The bell: a customer's in-portal notifications.
import { type Keyset, newestFirst, page } from './paging.js';
import type { Executor } from './client.js';

export async function listNotifications(db: Executor, accountId: number, o: { unreadOnly: boolean; after?: Keyset; limit: number }) {
  const rows = await newestFirst(
    db
      .selectFrom('notifications as n')
      .innerJoin('cases as c', 'c.id', 'n.case_id')
      .select(['n.id', 'n.kind', 'n.title', 'n.body', 'n.read_at', 'n.created_at', 'c.case_number'])
      .where('n.customer_account_id', '=', accountId)
      .$if(o.unreadOnly, (q) => q.where('n.read_at', 'is', null)),
    { createdAt: 'n.created_at', id: 'n.id' },
    o.after,
    o.limit,
  ).execute();
  return page(rows, o.limit, (r) => ({ createdAt: r.created_at, id: r.id }));
}

export async function unreadCount(db: Executor, accountId: number): Promise<number> {
  const { n } = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customer_account_id', '=', accountId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Marks one (or, without an id, all) of the account's notifications read; false when the id is not theirs. */
export async function markRead(db: Executor, accountId: number, notificationId?: number): Promise<boolean> {
  const res = await db
    .updateTable('notifications')
    .set({ read_at: new Date() })
    .where('customer_account_id', '=', accountId)
    .where('read_at', 'is', null)
    .$if(notificationId !== undefined, (q) => q.where('id', '=', notificationId!))
    .executeTakeFirst();
  if (notificationId === undefined || res.numUpdatedRows > 0n) return true;
  // Already read is fine; someone else's is not found.
  return (await db.selectFrom('notifications').select('id').where('id', '=', notificationId).where('customer_account_id', '=', accountId).executeTakeFirst()) !== undefined;
}
