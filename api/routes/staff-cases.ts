// Back-office API for handlers: read a whole case and act on it through the workflow.
import { Hono } from 'hono';
import { z } from 'zod';
import type { HandlerAction } from '../../domain/index.js';
import { findCase } from '../../db/cases.js';
import { type AuthEnv, requireAuth } from '../auth.js';
import { presentCase } from '../case-view.js';
import type { ApiDeps } from '../deps.js';
import { invalidFields, notFound, readBody } from '../problems.js';
import { respondWithAction } from './action-response.js';

const text = (message: string) => z.string().trim().min(1, message).max(10_000);
const empty = z.strictObject({});

/** URL segment → action and the body it takes. */
const ACTIONS = {
  take: { action: 'take', body: empty },
  assign: { action: 'assign', body: z.strictObject({ assigneeId: z.number().int().positive('Ange en handläggare') }) },
  reply: { action: 'reply', body: z.strictObject({ body: text('Skriv ett svar') }) },
  note: { action: 'note', body: z.strictObject({ body: text('Skriv en anteckning') }) },
  'request-info': { action: 'request_info', body: z.strictObject({ body: text('Beskriv vad som behövs') }) },
  close: { action: 'close', body: z.strictObject({ resolution: text('Ange en lösning') }) },
  reopen: { action: 'reopen', body: empty },
} satisfies Record<string, { action: HandlerAction; body: z.ZodType }>;

export function staffCases(deps: ApiDeps) {
  const app = new Hono<AuthEnv<'staff'>>();
  app.use('*', requireAuth(deps.db, 'staff'));

  app.get('/:caseNumber', async (c) => {
    const row = await findCase(deps.db, c.req.param('caseNumber'));
    if (!row) return notFound(c);
    return c.json(await presentCase(deps.db, deps.cipher, row, 'staff'));
  });

  app.post('/:caseNumber/actions/:action', async (c) => {
    const spec = Object.hasOwn(ACTIONS, c.req.param('action'))
      ? ACTIONS[c.req.param('action') as keyof typeof ACTIONS]
      : undefined;
    const row = await findCase(deps.db, c.req.param('caseNumber'));
    if (!row || !spec) return notFound(c);
    const body: { assigneeId?: number; body?: string; resolution?: string } = await readBody(c, spec.body);
    if (body.assigneeId !== undefined) {
      const assignee = await deps.db.selectFrom('staff').select('id').where('id', '=', body.assigneeId).executeTakeFirst();
      if (!assignee) throw invalidFields('Handläggaren finns inte.', [{ field: 'assigneeId', message: 'Handläggaren finns inte' }]);
    }
    return respondWithAction(c, deps, row, spec.action, { actor: { type: 'staff', id: c.get('principal').staffId }, ...body });
  });

  return app;
}
