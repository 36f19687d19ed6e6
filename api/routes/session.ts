// GET /api/v1/session: who is logged in, the CSRF token for writes, and whether an account is still missing.
import { createRoute } from '@hono/zod-openapi';
import type { z } from 'zod';
import { problem } from '../../domain/index.js';
import { whoAmI } from '../../services/accounts.js';
import { resolvePrincipal } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { READ, errors, json, openApiApp } from '../openapi/route-kit.js';
import * as R from '../openapi/responses.js';
import { sendProblem } from '../problems.js';

const route = createRoute({
  method: 'get',
  path: '/',
  tags: ['Inloggning'],
  operationId: 'getSession',
  summary: 'Vem är inloggad',
  description: 'Den inloggade personen eller API-nyckelns ägare. För en session även `csrfToken`, som ska skickas i `X-CSRF-Token` vid ändringar.',
  security: READ,
  responses: { 200: json('Inloggad.', R.Session), ...errors(401) },
});

export function sessionRoutes(deps: ApiDeps) {
  const app = openApiApp();
  // Any caller at all, a person without an account included: no audience to check.
  app.openapi(route, async (c) => {
    const p = await resolvePrincipal(deps.db, c);
    if (!p) return sendProblem(c, problem(401, 'Inte inloggad', 'Logga in med e-legitimation.'));
    const session = p.via.type === 'session' ? { csrfToken: p.via.csrfToken, authMethod: p.via.authMethod } : {};
    const who = await whoAmI(deps, p);
    let body: z.input<typeof R.Session>;
    if (who.principal.kind === 'person') body = { kind: 'person', name: who.principal.via.name, needsAccount: true, ...session };
    else if (who.principal.kind === 'staff') {
      body = { kind: 'staff', id: who.principal.staffId, name: who.staff!.name, email: who.staff!.email, role: who.principal.role, needsAccount: false, ...session };
    } else {
      const a = who.account;
      const q = who.principal;
      body = {
        kind: 'customer',
        id: q.accountId,
        name: a?.name,
        needsAccount: false,
        organisation: { id: q.organisationId, name: a?.organisationName, verified: a?.organisationVerifiedAt != null },
        roles: { canOrder: q.canOrder, isLocalAdmin: q.isLocalAdmin },
        ...session,
      };
    }
    return c.json(body, 200);
  });
  return app;
}
