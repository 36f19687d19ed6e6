// The back office's bell: the service-level warnings a staff member was sent, and marking them read.
import { countStaffNotifications, listStaffNotifications, markStaffNotificationsRead } from '../db/staff-notifications.js';
import type { ServiceDeps } from './deps.js';
import { notFound } from './errors.js';
import type { Staff } from './principal.js';

export async function staffNotificationPage(deps: ServiceDeps, p: Staff, q: { offset: number; limit: number; unreadOnly: boolean }) {
  const [rows, total] = await Promise.all([listStaffNotifications(deps.db, p.staffId, q), countStaffNotifications(deps.db, p.staffId, q.unreadOnly)]);
  return { rows, total };
}

export const unreadStaffNotifications = (deps: ServiceDeps, p: Staff) => countStaffNotifications(deps.db, p.staffId, true);

export async function readStaffNotification(deps: ServiceDeps, p: Staff, id: number) {
  if (!(await markStaffNotificationsRead(deps.db, p.staffId, id))) throw notFound('Notisen finns inte.');
}

export const readAllStaffNotifications = async (deps: ServiceDeps, p: Staff) => void (await markStaffNotificationsRead(deps.db, p.staffId));
