// The customers' web pages at /: server-rendered Swedish HTML that works without JavaScript. Pages
// take the caller from the existing session and ask services/ for everything; no rule lives here.
// Only exact paths are registered (no wildcard), so /api, /auth and /admin are never shadowed.
// Each feature's routes live in routes/, one file each.
import { type Context, Hono } from 'hono';
import type { ServiceDeps } from '../services/deps.js';
import { assetRoutes } from './assets.js';
import { pageGuards } from './guards.js';
import { sendPage } from './http.js';
import { MessagePage } from './pages/message.js';
import { apiKeyRoutes } from './routes/api-keys.js';
import { caseRoutes } from './routes/case.js';
import { contactRoutes } from './routes/contact.js';
import { chooseAccountRoutes } from './routes/choose-account.js';
import { minaSidorRoutes } from './routes/mina-sidor.js';
import { myDetailsRoutes } from './routes/my-details.js';
import { newAccountRoutes } from './routes/new-account.js';
import { newCaseRoutes } from './routes/new-case.js';
import { notificationRoutes } from './routes/notifications.js';
import { organisationRoutes } from './routes/organisation.js';
import { sessionRoutes } from './routes/session.js';
import { startRoutes } from './routes/start.js';
import { verifyAccountRoutes } from './routes/verify-account.js';
import { visit } from './viewer.js';

export function portalRoutes(deps: ServiceDeps) {
  const g = pageGuards(deps);
  const app = new Hono();
  app.route('/', assetRoutes());
  for (const routes of [startRoutes, chooseAccountRoutes, newAccountRoutes, verifyAccountRoutes, minaSidorRoutes, caseRoutes, notificationRoutes, organisationRoutes, apiKeyRoutes, myDetailsRoutes, newCaseRoutes, sessionRoutes, contactRoutes]) app.route('/', routes(g));
  return app;
}

/** Paths of the API and the back office answer problem+json or their own app; the rest are pages. */
const NOT_PAGES = /^\/(api|auth|admin|health)(\/|$)/;

/** A Swedish page for a browser that asked for a page that does not exist; undefined for everyone else. */
export function portalNotFound(deps: ServiceDeps) {
  return async (c: Context) => {
    if (!['GET', 'HEAD'].includes(c.req.method) || NOT_PAGES.test(c.req.path) || !(c.req.header('Accept') ?? '').includes('text/html')) return undefined;
    const v = await visit(deps, c);
    return sendPage(
      c,
      <MessagePage
        viewer={v.viewer}
        title="Sidan finns inte"
        text="Vi hittar ingen sida med den adressen. Kontrollera adressen, eller börja om från startsidan."
        link={{ href: '/', label: 'Till startsidan' }}
      />,
      404,
    );
  };
}
