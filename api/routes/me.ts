// "Mina uppgifter": contact details and the e-mail choice; every new case is prefilled from them.
import { createRoute } from '@hono/zod-openapi';
import { myAccount, updateMyDetails } from '../../services/accounts.js';
import { authorise } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { READ, WRITE, errors, guarded, json, jsonBody, openApiApp } from '../openapi/route-kit.js';
import * as R from '../openapi/responses.js';
import { me } from '../presenters/account.js';
import { contactDetailsSchema } from '../schemas/account.js';

const tags = ['Konto'];

export function meRoutes(deps: ApiDeps) {
  const app = openApiApp();
  const customer = guarded(authorise(deps.db, 'customer'));

  const read = createRoute({
    method: 'get',
    path: '/',
    tags,
    operationId: 'getMe',
    summary: 'Mina uppgifter',
    description: 'Dina kontaktuppgifter, din organisation och dina roller. Nya ärenden fylls i med `contact`.',
    security: READ,
    middleware: customer,
    responses: { 200: json('Mina uppgifter.', R.Me), ...errors(401, 403) },
  });
  app.openapi(read, async (c) => c.json(me(deps.cipher, await myAccount(deps, c.get('principal').accountId)), 200));

  const change = createRoute({
    method: 'put',
    path: '/',
    tags,
    operationId: 'updateMe',
    summary: 'Ändra mina uppgifter',
    description: 'Namn, e-post, enhet och om du vill ha besked via e-post.',
    security: WRITE,
    middleware: customer,
    request: { body: jsonBody(contactDetailsSchema) },
    responses: { 200: json('De ändrade uppgifterna.', R.Me), ...errors(400, 401, 403, 415) },
  });
  app.openapi(change, async (c) => c.json(me(deps.cipher, await updateMyDetails(deps, c.get('principal').accountId, c.req.valid('json'))), 200));
  return app;
}
