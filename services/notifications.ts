// The bell: a customer's notifications, the unread count, and marking them read.
import { listNotifications, markCaseRead, markRead, unreadCount } from '../db/notifications.js';
import type { Keyset } from '../db/paging.js';
import { visibleCase } from './case-access.js';
import type { ServiceDeps } from './deps.js';
import { notFound } from './errors.js';
import type { Customer } from './principal.js';

export async function notificationPage(deps: ServiceDeps, p: Customer, q: { unreadOnly: boolean; cursor?: Keyset | undefined; limit: number }) {
  const [page, unread] = await Promise.all([
    listNotifications(deps.db, p.accountId, { unreadOnly: q.unreadOnly, after: q.cursor, limit: q.limit }),
    unreadCount(deps.db, p.accountId),
  ]);
  return { ...page, unread };
}

export const countUnread = (deps: ServiceDeps, p: Customer) => unreadCount(deps.db, p.accountId);

export async function markNotificationRead(deps: ServiceDeps, p: Customer, id: number) {
  if (!(await markRead(deps.db, p.accountId, id))) throw notFound('Notifikationen finns inte.');
}

export const markAllNotificationsRead = async (deps: ServiceDeps, p: Customer) => void (await markRead(deps.db, p.accountId));

/** Opening a case's page marks its notifications read; the case must be one the customer may see. */
export async function markCaseNotificationsRead(deps: ServiceDeps, p: Customer, caseNumber: string) {
  const row = await visibleCase(deps.db, p, caseNumber);
  await markCaseRead(deps.db, p.accountId, row.id);
}
