// "Skapa nytt konto" after the first login, and looking up whether an organisation is already registered.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { createAccount, lookupOrganisation } from '../../services/accounts.js';
import { authorise } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { READ, SESSION_WRITE, errors, guarded, json, jsonBody, openApiApp } from '../openapi/route-kit.js';
import * as R from '../openapi/responses.js';
import { newAccountSchema } from '../schemas/account.js';

const tags = ['Konto'];

export function accountRoutes(deps: ApiDeps) {
  const app = openApiApp();
  const route = createRoute({
    method: 'post',
    path: '/',
    tags,
    operationId: 'createAccount',
    summary: 'Skapa nytt konto',
    description:
      'Efter första inloggningen med e-legitimation: skapar kontot för den inloggade personen och kopplar det till organisationen. Är organisationen inte registrerad anges dess namn, och den registreras (och granskas av oss). Endast med session, och bara om e-legitimationen den loggades in med får skapa konto (förval Bank-id och Freja e-id, inte SITHS eID just nu; `LOGIN_METHODS_CREATE_ACCOUNT`): annars `403` med förklaringen.',
    security: SESSION_WRITE,
    middleware: guarded(authorise(deps.db, 'person')),
    request: { body: jsonBody(newAccountSchema) },
    responses: {
      201: json('Kontot är skapat.', R.AccountCreated),
      ...errors(400, 401, 403, 415),
      409: { $ref: '#/components/responses/Conflict' },
    },
  });
  app.openapi(route, async (c) => {
    const result = await createAccount(deps, c.get('principal'), c.req.valid('json'));
    return c.json(
      {
        accountId: result.accountId,
        organisationId: result.organisationId,
        organisationRegistered: result.registeredOrganisation,
        message: result.registeredOrganisation
          ? 'Ditt konto är skapat. Organisationen är registrerad och granskas av oss; när den är verifierad blir du dess lokala administratör.'
          : 'Ditt konto är skapat och kopplat till din organisation.',
      },
      201,
    );
  });
  return app;
}

export function organisationLookupRoutes(deps: ApiDeps) {
  const app = openApiApp();
  const route = createRoute({
    method: 'get',
    path: '/{organisationsnummer}',
    tags,
    operationId: 'lookupOrganisation',
    summary: 'Finns organisationen registrerad?',
    description: 'Används när kontot skapas: finns organisationen behöver dess namn inte anges.',
    security: READ,
    middleware: guarded(authorise(deps.db, 'person', 'customer')),
    request: { params: z.object({ organisationsnummer: z.string().meta({ description: 'Organisationsnummer.', example: '556016-0680' }) }) },
    responses: { 200: json('Organisationen är registrerad.', R.OrganisationLookup), ...errors(401, 403, 404) },
  });
  app.openapi(route, async (c) => {
    const org = await lookupOrganisation(deps, c.req.valid('param').organisationsnummer);
    return c.json({ organisationsnummer: org.organisationsnummer, name: org.name, verified: org.verifiedAt !== null }, 200);
  });
  return app;
}
