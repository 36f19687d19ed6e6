// Back office: the staff member's own notifications (service-level warnings), newest first, in
// react-admin's simple-rest dialect; the unread count for the bell; marking one or all read.
import { Hono } from 'hono';
import { z } from 'zod';
import {
  readAllStaffNotifications,
  readStaffNotification,
  staffNotificationPage,
  unreadStaffNotifications,
} from '../../../services/staff-notifications.js';
import type { AuthEnv } from '../../auth.js';
import type { ApiDeps } from '../../deps.js';
import { toId } from '../../schemas/params.js';
import { pageOf, parseListQuery, setContentRange } from './list-query.js';

const filterSchema = z.strictObject({ unread: z.boolean().optional() });

export function adminNotifications(deps: ApiDeps) {
  const app = new Hono<AuthEnv<'staff'>>();

  app.get('/', async (c) => {
    const { filter, range } = parseListQuery(c, filterSchema, ['createdAt'], { field: 'createdAt', order: 'DESC' });
    const page = pageOf(range, undefined);
    const { rows, total } = await staffNotificationPage(deps, c.get('principal'), { ...page, unreadOnly: filter.unread === true });
    setContentRange(c, 'notifications', page.offset, rows.length, total);
    return c.json(rows.map((r) => ({ ...r, readAt: r.readAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString() })));
  });

  app.get('/unread', async (c) => c.json({ count: await unreadStaffNotifications(deps, c.get('principal')) }));

  app.post('/read-all', async (c) => {
    await readAllStaffNotifications(deps, c.get('principal'));
    return c.body(null, 204);
  });

  app.post('/:id/read', async (c) => {
    await readStaffNotification(deps, c.get('principal'), toId(c.req.param('id')));
    return c.body(null, 204);
  });

  return app;
}
