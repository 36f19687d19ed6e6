// The worker's liveness signal: GET /health on loopback says whether the Temporal worker is RUNNING
// and Postgres answers (docker compose's healthcheck asks it from inside the container).
import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Db } from '../db/client.js';
import { databaseAnswers } from '../db/health.js';

interface HealthDeps {
  db: Db;
  worker: { getState(): string };
  log: (msg: string) => void;
}

export function workerHealthApp({ db, worker }: Omit<HealthDeps, 'log'>) {
  const app = new Hono();
  app.get('/health', async (c) => {
    const state = worker.getState();
    const postgres = (await databaseAnswers(db, 2_000)) ? 'ok' : 'unavailable';
    const ok = state === 'RUNNING' && postgres === 'ok';
    return c.json({ ok, worker: state, postgres }, ok ? 200 : 503);
  });
  return app;
}

/** Serves on 127.0.0.1:`port` (0: not at all). A port in use is logged, never fatal: the worker matters more. */
export function serveWorkerHealth(port: number, deps: HealthDeps): ServerType | undefined {
  if (port === 0) return undefined;
  const server = serve({ fetch: workerHealthApp(deps).fetch, port, hostname: '127.0.0.1' });
  server.on('error', (err) => deps.log(`worker: no health endpoint on port ${port}: ${err.message}`));
  return server;
}
