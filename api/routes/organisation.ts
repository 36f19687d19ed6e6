// The caller's organisation; its local administrators manage members' roles (the right to order).
import { Hono } from 'hono';
import { findAccount, organisationMembers, setMemberRoles } from '../../db/accounts.js';
import { problem } from '../../domain/index.js';
import { type AuthEnv, requireAuth } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { idParam, invalidFields, notFound, readBody, sendProblem } from '../problems.js';
import { memberRolesSchema } from '../schemas/account.js';

export function organisationRoutes(deps: ApiDeps) {
  const { db } = deps;
  const app = new Hono<AuthEnv<'customer'>>();
  app.use('*', requireAuth(db, 'customer'));

  app.get('/', async (c) => {
    const a = (await findAccount(db, c.get('principal').accountId))!;
    return c.json({ id: a.organisation_id, name: a.organisation_name, organisationsnummer: a.organisationsnummer, verified: a.organisation_verified_at !== null });
  });

  app.use('/members/*', async (c, next) => {
    if (!c.get('principal').isLocalAdmin) {
      return sendProblem(c, problem(403, 'Åtkomst nekad', 'Endast organisationens lokala administratörer hanterar medlemmar och roller.'));
    }
    await next();
  });

  const presentMember = (m: Awaited<ReturnType<typeof organisationMembers>>[number]) => ({
    id: m.id,
    name: m.name,
    email: m.email,
    unitName: m.unit_name,
    roles: { canOrder: m.can_order, isLocalAdmin: m.is_local_admin },
    createdAt: m.created_at,
  });

  app.get('/members', async (c) => c.json((await organisationMembers(db, c.get('principal').organisationId)).map(presentMember)));

  app.put('/members/:id/roles', async (c) => {
    const p = c.get('principal');
    const memberId = idParam(c);
    const roles = await readBody(c, memberRolesSchema);
    if (memberId === p.accountId && roles.isLocalAdmin === false) {
      throw invalidFields('Du kan inte ta bort din egen administratörsroll.', [
        { field: 'isLocalAdmin', message: 'Be en annan lokal administratör ta bort din roll' },
      ]);
    }
    if (!(await setMemberRoles(db, p.organisationId, memberId, roles))) return notFound(c, 'Personen finns inte i din organisation.');
    const member = (await organisationMembers(db, p.organisationId)).find((m) => m.id === memberId)!;
    return c.json(presentMember(member));
  });
  return app;
}
