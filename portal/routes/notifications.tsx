// The bell's page: every notification, newest first, and marking one or all read.
import { Hono } from 'hono';
import { markAllNotificationsRead, markNotificationRead, notificationPage } from '../../services/notifications.js';
import { decodeCursor } from '../../services/paging.js';
import { PAGE_SIZE, type PageGuards } from '../guards.js';
import { sendPage } from '../http.js';
import { NotificationsPage } from '../pages/notifications.js';

export function notificationRoutes({ deps, asCustomer, act }: PageGuards) {
  const app = new Hono();
  app.get('/mina-sidor/notiser', (c) =>
    asCustomer(c, async (p, v) => {
      const from = c.req.query('fran');
      const cursor = from ? decodeCursor(from) : undefined;
      const page = await notificationPage(deps, p, { unreadOnly: false, cursor, limit: PAGE_SIZE });
      const nextHref = page.nextCursor ? `/mina-sidor/notiser?fran=${encodeURIComponent(page.nextCursor)}` : null;
      return sendPage(c, <NotificationsPage viewer={v.viewer} items={page.items} unread={page.unread} nextHref={nextHref} paged={cursor !== undefined} />);
    }),
  );
  app.post('/mina-sidor/notiser/las-alla', act('/mina-sidor/notiser', (p) => markAllNotificationsRead(deps, p)));
  app.post('/mina-sidor/notiser/:id{[0-9]{1,9}}/las', act('/mina-sidor/notiser', (p, c) => markNotificationRead(deps, p, Number(c.req.param('id')))));
  return app;
}
