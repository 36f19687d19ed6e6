// The HTTP API: one sub-app per resource, routes declared with @hono/zod-openapi so the OpenAPI
// document is generated from them, problem+json for every error.
import { problem } from '../domain/index.js';
import { portalNotFound, portalRoutes } from '../portal/index.js';
import { adminStatic } from './admin-static.js';
import type { ApiDeps } from './deps.js';
import { healthRoutes } from './health.js';
import { openApiDocument, registerComponents } from './openapi/document.js';
import { openApiApp } from './openapi/route-kit.js';
import { RETRY_AFTER_SECONDS, problemFor, sendProblem } from './problems.js';
import { accountRoutes, organisationLookupRoutes } from './routes/account.js';
import { backOfficeApi } from './routes/admin/index.js';
import { authRoutes } from './routes/auth.js';
import { customerCases } from './routes/cases.js';
import { docsRoutes } from './routes/docs.js';
import { meRoutes } from './routes/me.js';
import { notificationRoutes } from './routes/notifications.js';
import { organisationRoutes } from './routes/organisation.js';
import { sessionRoutes } from './routes/session.js';
import { staffCases } from './routes/staff-cases.js';
import { tokenRoutes } from './routes/tokens.js';

export function createApp(deps: ApiDeps) {
  const app = openApiApp();
  registerComponents(app);
  app.route('/health', healthRoutes(deps));
  app.route('/auth', authRoutes(deps));
  app.route('/api/v1/session', sessionRoutes(deps));
  app.route('/api/v1/account', accountRoutes(deps));
  app.route('/api/v1/organisations', organisationLookupRoutes(deps));
  app.route('/api/v1/me', meRoutes(deps));
  app.route('/api/v1/cases', customerCases(deps));
  app.route('/api/v1/notifications', notificationRoutes(deps));
  app.route('/api/v1/organisation', organisationRoutes(deps));
  app.route('/api/v1/tokens', tokenRoutes(deps));
  app.route('/api/v1/staff/cases', staffCases(deps));
  // Built on first request: a broken schema then fails that route, not the API's start.
  let document: ReturnType<typeof openApiDocument> | undefined;
  app.route('/api', docsRoutes(() => (document ??= openApiDocument(app))));
  app.route('/api/admin', backOfficeApi(deps));
  app.route('/', adminStatic());
  // The customers' pages: exact paths only, so they never shadow /api, /auth or /admin.
  app.route('/', portalRoutes(deps));

  const pageNotFound = portalNotFound(deps);
  app.notFound(async (c) => (await pageNotFound(c)) ?? sendProblem(c, problem(404, 'Hittades inte', `Ingen resurs på ${c.req.path}.`)));
  app.onError((err, c) => {
    const known = problemFor(err);
    if (known?.status === 503) {
      // Postgres or Temporal away: one line, not a stack per request, and a hint when to come back.
      deps.log?.(`unavailable on ${c.req.method} ${c.req.path}: ${err.message}`);
      c.header('Retry-After', String(RETRY_AFTER_SECONDS));
    }
    if (known) return sendProblem(c, known);
    deps.log?.(`error on ${c.req.method} ${c.req.path}: ${err.stack ?? err.message}`);
    return sendProblem(c, problem(500, 'Internt fel', 'Något gick fel hos oss. Försök igen om en stund.'));
  });
  return app;
}
