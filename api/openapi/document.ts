// What the generated OpenAPI 3.1 document says besides its routes: the introduction, the tags, the
// security schemes and the shared error responses. The paths come from each route's createRoute.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';
import { ERROR_RESPONSES } from './route-kit.js';
import { FieldError, Problem, ValidationProblem } from './responses.js';

const DESCRIPTION = `Kundportalens API för kunder och integrationer: skicka in och följ ärenden, skriv meddelanden,
hämta ärendet som PDF, notifikationer, Mina uppgifter, organisationens medlemmar och API-nycklar, samt
handläggarnas åtgärder på ärenden.

**Inloggning.** Integrationer skickar en API-nyckel: \`Authorization: Bearer kp_…\` (skapas under API-nycklar och visas
bara en gång). Webbläsare loggar in med e-legitimation via \`/auth/login\` (kunder) eller \`/auth/staff/login\`
(handläggare) och får då sessionskakan \`kp_session\`; varje ändrande anrop med kakan måste också skicka huvudet
\`X-CSRF-Token\` med värdet \`csrfToken\` från \`GET /api/v1/session\`.

**Fel** är alltid \`application/problem+json\` (RFC 9457). Ogiltiga uppgifter ger 400 med varje felaktigt fält i
\`errors\` (\`field\` är fältets sökväg med punkter, t.ex. \`rows.0.personnummer\`). Innehåll som inte är JSON ger 415.

**Listor** bläddras med \`limit\` och \`cursor\`: skicka föregående svars \`nextCursor\` för nästa sida.

**Upprepning.** Skicka \`Idempotency-Key\` (1–200 synliga ASCII-tecken, en nyckel per avsikt) när du skickar in ett
ärende eller utför en åtgärd: samma nyckel igen utförs bara en gång.

Back office-API:t under \`/api/admin/*\` är ett separat, internt API för handläggarnas webbapplikation och ingår
inte i den här dokumentationen.`;

const TAGS = [
  { name: 'Ärenden', description: 'Skicka in, följa och svara i ärenden.' },
  { name: 'Notifikationer', description: 'Klockan: notifikationer om dina ärenden.' },
  { name: 'Konto', description: 'Konto och Mina uppgifter.' },
  { name: 'Organisation', description: 'Organisationen, dess medlemmar och roller.' },
  { name: 'API-nycklar', description: 'API-nycklar för integrationer.' },
  { name: 'Inloggning', description: 'Inloggning med e-legitimation, utloggning och sessionen.' },
  { name: 'Handläggare', description: 'Handläggarnas API för ärenden.' },
];

/** Registers the shared components on the root app; call once, before the document is generated. */
export function registerComponents<E extends Env>(app: OpenAPIHono<E>) {
  const registry = app.openAPIRegistry;
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'kp_…',
    description: 'API-nyckel, `Authorization: Bearer kp_…`. Skapas under API-nycklar (eller av en administratör) och visas bara en gång.',
  });
  registry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'kp_session',
    description:
      'Sessionskakan efter inloggning med e-legitimation (`/auth/login`, `/auth/staff/login`): HttpOnly, sätts av servern. Ändrande anrop (POST, PUT, DELETE) med kakan kräver också `X-CSRF-Token`.',
  });
  registry.registerComponent('securitySchemes', 'csrfToken', {
    type: 'apiKey',
    in: 'header',
    name: 'X-CSRF-Token',
    description: 'Krävs tillsammans med sessionskakan vid ändrande anrop: värdet `csrfToken` från `GET /api/v1/session`. Behövs inte med API-nyckel.',
  });
  for (const { id, ...response } of Object.values(ERROR_RESPONSES)) registry.registerComponent('responses', id, response);
  registry.register('Problem', Problem);
  registry.register('ValidationProblem', ValidationProblem);
  registry.register('FieldError', FieldError);
}

/** The document, generated from the routes registered on `app`. */
export const openApiDocument = <E extends Env>(app: OpenAPIHono<E>, serverUrl?: string) =>
  app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title: 'Kundportal API', version: '1.0.0', description: DESCRIPTION },
    servers: [{ url: serverUrl ?? '/', description: serverUrl ? 'Kundportalen' : 'Samma server som dokumentationen' }],
    tags: TAGS,
  });
