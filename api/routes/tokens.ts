// API tokens for integrations that submit cases without a browser: created (shown once), listed, revoked.
import { Hono } from 'hono';
import { type TokenOwner, issueApiToken, listApiTokens, revokeApiToken } from '../../db/tokens.js';
import { type AuthEnv, type Principal, requireAuth } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { idParam, notFound, readBody } from '../problems.js';
import { newTokenSchema } from '../schemas/account.js';

const ownerOf = (p: Principal): TokenOwner => (p.kind === 'staff' ? { staffId: p.staffId } : { customerAccountId: (p as { accountId: number }).accountId });

const present = (t: { id: number; name: string; hint: string | null; created_at: Date; last_used_at?: Date | null }) => ({
  id: t.id,
  name: t.name,
  hint: t.hint ? `${t.hint}…` : null,
  createdAt: t.created_at,
  lastUsedAt: t.last_used_at ?? null,
});

export function tokenRoutes(deps: ApiDeps) {
  const { db } = deps;
  const app = new Hono<AuthEnv<'customer' | 'staff'>>();
  app.use('*', requireAuth(db, 'customer', 'staff'));

  app.get('/', async (c) => c.json((await listApiTokens(db, ownerOf(c.get('principal')))).map(present)));

  app.post('/', async (c) => {
    const { name } = await readBody(c, newTokenSchema);
    const issued = await issueApiToken(db, ownerOf(c.get('principal')), name);
    return c.json({ ...present(issued), token: issued.token, info: 'Spara nyckeln nu. Den visas bara den här gången.' }, 201);
  });

  app.delete('/:id', async (c) => {
    const revoked = await revokeApiToken(db, ownerOf(c.get('principal')), idParam(c));
    return revoked ? c.body(null, 204) : notFound(c, 'API-nyckeln finns inte.');
  });
  return app;
}
