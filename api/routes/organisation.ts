// The caller's organisation; its local administrators manage members' roles (the right to order).
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { changeMemberRoles, listMembers, myOrganisation } from '../../services/organisation.js';
import { authorise } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { READ, WRITE, errors, guarded, json, jsonBody, openApiApp } from '../openapi/route-kit.js';
import * as R from '../openapi/responses.js';
import { member, organisation } from '../presenters/account.js';
import { memberRolesSchema } from '../schemas/account.js';
import { idPath, toId } from '../schemas/params.js';

const tags = ['Organisation'];

export function organisationRoutes(deps: ApiDeps) {
  const app = openApiApp();
  const customer = guarded(authorise(deps.db, 'customer'));
  const localAdmin = guarded(authorise(deps.db, 'localAdmin'));

  const own = createRoute({
    method: 'get',
    path: '/',
    tags,
    operationId: 'getOrganisation',
    summary: 'Min organisation',
    security: READ,
    middleware: customer,
    responses: { 200: json('Organisationen.', R.Organisation), ...errors(401, 403) },
  });
  app.openapi(own, async (c) => c.json(organisation(await myOrganisation(deps, c.get('principal'))), 200));

  const members = createRoute({
    method: 'get',
    path: '/members',
    tags,
    operationId: 'listMembers',
    summary: 'Organisationens medlemmar',
    description: 'Endast för organisationens lokala administratörer.',
    security: READ,
    middleware: localAdmin,
    responses: { 200: json('Medlemmarna.', z.array(R.Member)), ...errors(401, 403) },
  });
  app.openapi(members, async (c) => c.json((await listMembers(deps, c.get('principal'))).map(member), 200));

  const roles = createRoute({
    method: 'put',
    path: '/members/{id}/roles',
    tags,
    operationId: 'setMemberRoles',
    summary: 'Ändra en medlems roller',
    description: 'Ger eller tar bort rätten att beställa och rollen lokal administratör. Endast för lokala administratörer; din egen administratörsroll kan du inte ta bort.',
    security: WRITE,
    middleware: localAdmin,
    request: { params: idPath('Medlemmens id.'), body: jsonBody(memberRolesSchema) },
    responses: { 200: json('Medlemmen med de nya rollerna.', R.Member), ...errors(400, 401, 403, 404, 415) },
  });
  app.openapi(roles, async (c) => {
    const changed = await changeMemberRoles(deps, c.get('principal'), toId(c.req.valid('param').id), c.req.valid('json'));
    return c.json(member(changed), 200);
  });
  return app;
}
