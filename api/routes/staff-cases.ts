// Back-office API for handlers: read a whole case and act on it through the workflow.
import { Hono } from 'hono';
import { findCase } from '../../db/cases.js';
import { type AuthEnv, requireAuth } from '../auth.js';
import { presentCase } from '../case-view.js';
import type { ApiDeps } from '../deps.js';
import { notFound } from '../problems.js';
import { respondWithAction } from './action-response.js';
import { actionSpec, readActionBody } from './case-actions-spec.js';

export function staffCases(deps: ApiDeps) {
  const app = new Hono<AuthEnv<'staff'>>();
  app.use('*', requireAuth(deps.db, 'staff'));

  app.get('/:caseNumber', async (c) => {
    const row = await findCase(deps.db, c.req.param('caseNumber'));
    if (!row) return notFound(c);
    return c.json(await presentCase(deps.db, deps.cipher, row, 'staff'));
  });

  app.post('/:caseNumber/actions/:action', async (c) => {
    const spec = actionSpec(c.req.param('action'));
    const row = await findCase(deps.db, c.req.param('caseNumber'));
    if (!row || !spec) return notFound(c);
    const body = await readActionBody(c, deps.db, spec);
    return respondWithAction(c, deps, row, spec.action, { actor: { type: 'staff', id: c.get('principal').staffId }, ...body });
  });

  return app;
}
