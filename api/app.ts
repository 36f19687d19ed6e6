// The HTTP API: one sub-app per resource, problem+json for every error.
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { problem } from '../domain/index.js';
import type { ApiDeps } from './deps.js';
import { ProblemError, sendProblem } from './problems.js';
import { customerCases } from './routes/cases.js';
import { staffCases } from './routes/staff-cases.js';

export function createApp(deps: ApiDeps) {
  const app = new Hono();
  app.get('/health', (c) => c.json({ ok: true }));
  app.route('/api/v1/cases', customerCases(deps));
  app.route('/api/v1/staff/cases', staffCases(deps));
  const adminPage = readFileSync(new URL('../admin/index.html', import.meta.url), 'utf8');
  app.get('/admin', (c) => c.html(adminPage));

  app.notFound((c) => sendProblem(c, problem(404, 'Hittades inte', `Ingen resurs på ${c.req.path}.`)));
  app.onError((err, c) => {
    if (err instanceof ProblemError) return sendProblem(c, err.problem);
    deps.log?.(`error on ${c.req.method} ${c.req.path}: ${err.stack ?? err.message}`);
    return sendProblem(c, problem(500, 'Internt fel', 'Något gick fel hos oss. Försök igen om en stund.'));
  });
  return app;
}
