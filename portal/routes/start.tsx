// Pages for everyone: the start page and the Tillgänglighetsredogörelse.
import { Hono } from 'hono';
import { sendPage } from '../http.js';
import type { PageGuards } from '../guards.js';
import { AccessibilityPage } from '../pages/accessibility.js';
import { StartPage } from '../pages/start.js';
import { visit } from '../viewer.js';

export function startRoutes({ deps }: PageGuards) {
  const app = new Hono();
  app.get('/', async (c) => sendPage(c, <StartPage viewer={(await visit(deps, c)).viewer} loggedOut={c.req.query('utloggad') === '1'} />));
  app.get('/tillganglighetsredogorelse', async (c) => sendPage(c, <AccessibilityPage viewer={(await visit(deps, c)).viewer} />));
  return app;
}
