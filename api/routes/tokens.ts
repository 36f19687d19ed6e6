// API tokens for integrations that submit cases without a browser: created (shown once), listed, revoked.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { issueToken, listTokens, revokeToken } from '../../services/tokens.js';
import { authorise } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { READ, WRITE, errors, guarded, json, jsonBody, openApiApp } from '../openapi/route-kit.js';
import * as R from '../openapi/responses.js';
import { token } from '../presenters/account.js';
import { newTokenSchema } from '../schemas/account.js';
import { idPath, toId } from '../schemas/params.js';

const tags = ['API-nycklar'];

export function tokenRoutes(deps: ApiDeps) {
  const app = openApiApp();
  const owner = guarded(authorise(deps.db, 'customer', 'staff'));

  const list = createRoute({
    method: 'get',
    path: '/',
    tags,
    operationId: 'listTokens',
    summary: 'Mina API-nycklar',
    description: 'Nycklar som inte är återkallade. Själva nyckeln visas aldrig igen.',
    security: READ,
    middleware: owner,
    responses: { 200: json('Nycklarna.', z.array(R.ApiToken)), ...errors(401, 403) },
  });
  app.openapi(list, async (c) => c.json((await listTokens(deps, c.get('principal'))).map(token), 200));

  const create = createRoute({
    method: 'post',
    path: '/',
    tags,
    operationId: 'createToken',
    summary: 'Skapa en API-nyckel',
    description: 'För integrationer som skickar in ärenden utan webbläsare. Nyckeln visas bara i svaret: spara den.',
    security: WRITE,
    middleware: owner,
    request: { body: jsonBody(newTokenSchema) },
    responses: { 201: json('Den nya nyckeln.', R.CreatedApiToken), ...errors(400, 401, 403, 415) },
  });
  app.openapi(create, async (c) => {
    const issued = await issueToken(deps, c.get('principal'), c.req.valid('json').name);
    return c.json({ ...token(issued), token: issued.token, info: 'Spara nyckeln nu. Den visas bara den här gången.' }, 201);
  });

  const revoke = createRoute({
    method: 'delete',
    path: '/{id}',
    tags,
    operationId: 'revokeToken',
    summary: 'Återkalla en API-nyckel',
    security: WRITE,
    middleware: owner,
    request: { params: idPath('Nyckelns id.') },
    responses: { 204: { description: 'Återkallad.' }, ...errors(401, 403, 404) },
  });
  app.openapi(revoke, async (c) => {
    await revokeToken(deps, c.get('principal'), toId(c.req.valid('param').id));
    return c.body(null, 204);
  });
  return app;
}
