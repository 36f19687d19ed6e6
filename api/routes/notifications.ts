// The bell: list, unread count, mark read.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { countUnread, markAllNotificationsRead, markNotificationRead, notificationPage } from '../../services/notifications.js';
import { authorise } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { READ, WRITE, errors, guarded, json, openApiApp } from '../openapi/route-kit.js';
import * as R from '../openapi/responses.js';
import { notification } from '../presenters/account.js';
import { idPath, toId } from '../schemas/params.js';
import { pagingQuery } from '../schemas/paging.js';

const tags = ['Notifikationer'];
const listQuery = pagingQuery.extend({
  unread: z.enum(['true', 'false'], { error: 'unread ska vara true eller false' }).optional().meta({ description: '`true`: endast olästa.' }),
});

export function notificationRoutes(deps: ApiDeps) {
  const app = openApiApp();
  const customer = guarded(authorise(deps.db, 'customer'));

  const list = createRoute({
    method: 'get',
    path: '/',
    tags,
    operationId: 'listNotifications',
    summary: 'Notifikationer',
    description: 'Klockans notifikationer om dina ärenden, nyast först.',
    security: READ,
    middleware: customer,
    request: { query: listQuery },
    responses: { 200: json('En sida notifikationer.', R.NotificationPage), ...errors(400, 401, 403) },
  });
  app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    const page = await notificationPage(deps, c.get('principal'), { unreadOnly: q.unread === 'true', cursor: q.cursor, limit: q.limit });
    return c.json({ items: page.items.map(notification), nextCursor: page.nextCursor, unread: page.unread }, 200);
  });

  const unread = createRoute({
    method: 'get',
    path: '/unread-count',
    tags,
    operationId: 'countUnreadNotifications',
    summary: 'Antal olästa',
    security: READ,
    middleware: customer,
    responses: { 200: json('Antal olästa.', R.UnreadCount), ...errors(401, 403) },
  });
  app.openapi(unread, async (c) => c.json({ unread: await countUnread(deps, c.get('principal')) }, 200));

  const readAll = createRoute({
    method: 'post',
    path: '/read-all',
    tags,
    operationId: 'markAllNotificationsRead',
    summary: 'Markera alla som lästa',
    security: WRITE,
    middleware: customer,
    responses: { 204: { description: 'Alla är lästa.' }, ...errors(401, 403) },
  });
  app.openapi(readAll, async (c) => {
    await markAllNotificationsRead(deps, c.get('principal'));
    return c.body(null, 204);
  });

  const readOne = createRoute({
    method: 'post',
    path: '/{id}/read',
    tags,
    operationId: 'markNotificationRead',
    summary: 'Markera som läst',
    security: WRITE,
    middleware: customer,
    request: { params: idPath('Notifikationens id.') },
    responses: { 204: { description: 'Läst.' }, ...errors(401, 403, 404) },
  });
  app.openapi(readOne, async (c) => {
    await markNotificationRead(deps, c.get('principal'), toId(c.req.valid('param').id));
    return c.body(null, 204);
  });
  return app;
}
