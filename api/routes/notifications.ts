// The bell: list, unread count, mark read.
import { Hono } from 'hono';
import { z } from 'zod';
import { listNotifications, markRead, unreadCount } from '../../db/notifications.js';
import { type AuthEnv, requireAuth } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { idParam, notFound, readQuery } from '../problems.js';
import { pagingQuery } from '../schemas/paging.js';

export const listQuery = pagingQuery.extend({ unread: z.enum(['true', 'false'], { error: 'unread ska vara true eller false' }).optional() });

export function notificationRoutes(deps: ApiDeps) {
  const { db } = deps;
  const app = new Hono<AuthEnv<'customer'>>();
  app.use('*', requireAuth(db, 'customer'));

  app.get('/', async (c) => {
    const { accountId } = c.get('principal');
    const q = readQuery(c, listQuery);
    const result = await listNotifications(db, accountId, { unreadOnly: q.unread === 'true', after: q.cursor, limit: q.limit });
    return c.json({
      items: result.items.map((n) => ({
        id: n.id,
        caseNumber: n.case_number,
        kind: n.kind,
        title: n.title,
        body: n.body,
        read: n.read_at !== null,
        createdAt: n.created_at,
      })),
      nextCursor: result.nextCursor,
      unread: await unreadCount(db, accountId),
    });
  });

  app.get('/unread-count', async (c) => c.json({ unread: await unreadCount(db, c.get('principal').accountId) }));

  app.post('/read-all', async (c) => {
    await markRead(db, c.get('principal').accountId);
    return c.body(null, 204);
  });

  app.post('/:id/read', async (c) => {
    const found = await markRead(db, c.get('principal').accountId, idParam(c));
    return found ? c.body(null, 204) : notFound(c, 'Notifikationen finns inte.');
  });
  return app;
}
