// GET /health: Postgres and Temporal answer (for load balancers and docker compose);
// GET /health/live: the process serves HTTP at all, with no dependency (a bare ceiling for benchmarks).
import { Hono } from 'hono';
import { databaseAnswers } from '../db/health.js';
import type { ApiDeps } from './deps.js';
import { RETRY_AFTER_SECONDS } from './problems.js';

const CHECK_TIMEOUT_MS = 2_000;

type Check = 'ok' | 'unavailable';

async function temporalAnswers(temporal: ApiDeps['temporal']): Promise<boolean> {
  try {
    await temporal.connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () => temporal.workflowService.getSystemInfo({}));
    return true;
  } catch {
    return false;
  }
}

export function healthRoutes(deps: Pick<ApiDeps, 'db' | 'temporal'>) {
  const app = new Hono();
  app.get('/', async (c) => {
    const [pg, tp] = await Promise.all([databaseAnswers(deps.db, CHECK_TIMEOUT_MS), temporalAnswers(deps.temporal)]);
    const postgres: Check = pg ? 'ok' : 'unavailable';
    const temporal: Check = tp ? 'ok' : 'unavailable';
    if (pg && tp) return c.json({ ok: true, postgres, temporal });
    const down = [!pg && 'Postgres', !tp && 'Temporal'].filter(Boolean).join(' och ');
    c.header('Retry-After', String(RETRY_AFTER_SECONDS));
    return c.json({ ok: false, postgres, temporal, detail: `${down} svarar inte.` }, 503);
  });
  app.get('/live', (c) => c.json({ ok: true }));
  return app;
}
