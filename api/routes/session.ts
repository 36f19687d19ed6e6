// GET /api/v1/session: who is logged in, the CSRF token for writes, and whether an account is still missing.
import { Hono } from 'hono';
import { findAccount } from '../../db/accounts.js';
import { problem } from '../../domain/index.js';
import { resolvePrincipal } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { sendProblem } from '../problems.js';

export function sessionRoutes(deps: ApiDeps) {
  const app = new Hono();
  app.get('/', async (c) => {
    const p = await resolvePrincipal(deps.db, c);
    if (!p) return sendProblem(c, problem(401, 'Inte inloggad', 'Logga in med e-legitimation.'));
    const session = p.via.type === 'session' ? { csrfToken: p.via.csrfToken, authMethod: p.via.authMethod } : {};
    if (p.kind === 'person') return c.json({ kind: p.kind, name: p.via.name, needsAccount: true, ...session });
    if (p.kind === 'staff') {
      const staff = await deps.db.selectFrom('staff').select(['name', 'email']).where('id', '=', p.staffId).executeTakeFirstOrThrow();
      return c.json({ kind: p.kind, id: p.staffId, name: staff.name, email: staff.email, role: p.role, needsAccount: false, ...session });
    }
    const a = await findAccount(deps.db, p.accountId);
    return c.json({
      kind: p.kind,
      id: p.accountId,
      name: a?.name,
      needsAccount: false,
      organisation: { id: p.organisationId, name: a?.organisation_name, verified: a?.organisation_verified_at != null },
      roles: { canOrder: p.canOrder, isLocalAdmin: p.isLocalAdmin },
      ...session,
    });
  });
  return app;
}
