// The database goes away for a few seconds while the API, the worker and the reconciler run: requests
// get 503 with Retry-After (never 500), nothing crashes, and everything works again within seconds of
// its return, without a restart. The outage is made on this file's own database (new connections
// refused, existing ones terminated), never by stopping the machine's Postgres server.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { createDb } from '../db/client.js';
import { migrateToLatest } from '../db/migrate.js';
import { allowConnections, dropDatabase, freshDatabase } from '../scripts/throwaway-databases.js';
import { sithsOrder } from '../scripts/sample-cases.js';
import { freePort } from '../scripts/temporal-dev-server.js';
import { createApp } from '../api/app.js';
import { workerHealthApp } from '../worker/health.js';
import { startReconciler } from '../worker/reconciler.js';
import { type Harness, RUN_ID, sleep, startHarness } from './helpers/harness.js';

const name = `kundportal_outage_${process.pid}`;
let url: string;
let h: Harness;
// Anything that would have ended a real API or worker process.
const crashes: unknown[] = [];
const onCrash = (err: unknown) => crashes.push(err);

beforeAll(async () => {
  url = await freshDatabase(loadConfig().DATABASE_URL, name);
  const db = createDb(url, { max: 1 });
  await migrateToLatest(db);
  // Case numbers from 90001: the run's other files share its Temporal server and number their cases
  // from 00001, so this file's workflows must not meet theirs.
  await sql`insert into case_number_counters (year, last_seq)
    select y, 90000 from generate_series(extract(year from now())::int - 1, extract(year from now())::int + 1) y`.execute(db);
  await db.destroy();
  h = await startHarness({ databaseUrl: url });
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
});

afterAll(async () => {
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
  await h?.stop();
  if (url) {
    await allowConnections(url, true);
    await dropDatabase(url);
  }
});

/** Refuses new connections to this file's database and ends every open one. */
const cutDatabase = () => allowConnections(url, false);
const restoreDatabase = () => allowConnections(url, true);

const email = (label: string) => `${label}.${RUN_ID}-${randomUUID().slice(0, 8)}@exempel.se`;
const submit = (to: string) => h.api('POST', '/api/v1/cases', { token: h.customerToken, body: sithsOrder(to, 1) });
const workerHealth = () => workerHealthApp({ db: h.db, worker: { getState: () => 'RUNNING' } });

/** The requests a customer and a handler make, each answered while the database is away. */
const requests = () => [
  h.api('GET', '/api/v1/me', { token: h.customerToken }),
  h.api('GET', '/api/v1/cases?status=ongoing', { token: h.customerToken }),
  submit(email('during')),
  h.api('GET', '/api/admin/cases', { token: h.staffToken }),
];

describe('the database goes away and comes back', () => {
  it('answers 503 with Retry-After during the outage, and works again within seconds after it', async () => {
    expect((await h.api('GET', '/health')).json).toEqual({ ok: true, postgres: 'ok', temporal: 'ok' });
    expect((await workerHealth().request('/health')).status).toBe(200);

    // A case whose receipt (an activity reading Postgres) is likely under way as the database goes.
    const before = email('before');
    const submitted = await submit(before);
    expect(submitted.status).toBe(201);
    // A case the reconciler must (re)start: recorded as unstarted, and it must find it despite the outage.
    const pending = email('pending');
    const pendingCase = await submit(pending);
    await h.db.updateTable('cases').set({ workflowStartedAt: null }).where('caseNumber', '=', pendingCase.json.caseNumber).execute();

    await cutDatabase();
    const reconcilerLog: string[] = [];
    const stopReconciler = startReconciler(h.db, h.temporal, h.workflow, { intervalMs: 60_000, graceMs: 0, log: (m) => reconcilerLog.push(m) });
    try {
      const outageEnds = Date.now() + 4_000;
      const statuses: number[] = [];
      while (Date.now() < outageEnds) {
        for (const res of await Promise.all(requests())) {
          statuses.push(res.status);
          expect(res.status).toBe(503);
          expect(res.headers.get('retry-after')).toBe('5');
          expect(res.headers.get('content-type')).toBe('application/problem+json');
          expect(res.json).toMatchObject({ status: 503, title: 'Tjänsten är tillfälligt otillgänglig' });
        }
        await sleep(200);
      }
      expect(statuses.length).toBeGreaterThanOrEqual(8);

      const health = await h.api('GET', '/health');
      expect(health.status).toBe(503);
      expect(health.headers.get('retry-after')).toBe('5');
      expect(health.json).toEqual({ ok: false, postgres: 'unavailable', temporal: 'ok', detail: 'Postgres svarar inte.' });
      const worker = await workerHealth().request('/health');
      expect(worker.status).toBe(503);
      expect(await worker.json()).toEqual({ ok: false, worker: 'RUNNING', postgres: 'unavailable' });
      expect(reconcilerLog.some((m) => m.startsWith('reconciler: pass failed'))).toBe(true);

      await restoreDatabase();
      const back = Date.now();
      for (;;) {
        const res = await h.api('GET', '/api/v1/me', { token: h.customerToken });
        if (res.status === 200) break;
        expect(res.status).toBe(503);
        expect(Date.now() - back).toBeLessThan(5_000);
        await sleep(100);
      }
      for (const res of await Promise.all(requests())) expect(res.status).toBeLessThan(300);
      expect((await h.api('GET', '/health')).status).toBe(200);
      expect((await workerHealth().request('/health')).status).toBe(200);

      // The worker's activities retried through the outage; the reconciler came back on its own.
      await h.mailsTo(before, 1);
      const after = email('after');
      const created = await submit(after);
      expect(created.status).toBe(201);
      await h.mailsTo(after, 1);
      expect((await h.staffAction(created.json.caseNumber, 'take')).status).toBe(200);
      await expect
        .poll(
          async () =>
            (await h.db.selectFrom('cases').select('workflowStartedAt').where('caseNumber', '=', pendingCase.json.caseNumber).executeTakeFirstOrThrow())
              .workflowStartedAt,
          { timeout: 15_000, interval: 200 },
        )
        .toBeInstanceOf(Date);
      await h.mailsTo(pending, 1);
    } finally {
      await restoreDatabase();
      await stopReconciler();
    }
    expect(crashes).toEqual([]);
  });

  it('names Temporal in /health when it does not answer', async () => {
    // A client of a Temporal frontend that is not there: nothing listens on the port.
    const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
    const app = createApp({ ...h.apiDeps, temporal: new Client({ connection }) });
    try {
      const started = Date.now();
      const res = await app.request('/health');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(await res.json()).toEqual({ ok: false, postgres: 'ok', temporal: 'unavailable', detail: 'Temporal svarar inte.' });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await connection.close();
    }
  });
});
