// Pages for everyone: the start page and the Tillgänglighetsredogörelse.
import { Hono } from 'hono';
import { allowedMethods, restrictionNotes } from '../../services/login-methods.js';
import { sendPage } from '../http.js';
import type { PageGuards } from '../guards.js';
import { AccessibilityPage } from '../pages/accessibility.js';
import { StartPage } from '../pages/start.js';
import { visit } from '../viewer.js';

export function startRoutes({ deps }: PageGuards) {
  const app = new Hono();
  const methods = () => ({ login: allowedMethods(deps, 'login'), notes: restrictionNotes(deps) });
  app.get('/', async (c) => sendPage(c, <StartPage viewer={(await visit(deps, c)).viewer} loggedOut={c.req.query('utloggad') === '1'} methods={methods()} />));
  app.get('/tillganglighetsredogorelse', async (c) => sendPage(c, <AccessibilityPage viewer={(await visit(deps, c)).viewer} />));
  return app;
}
