// npm run bench:start-outage: how long a customer waits for POST /api/v1/cases while Temporal is down.
// The API runs in this process on real Postgres; cases are submitted with Temporal up (the ceiling),
// then again after its dev server is stopped, when each start gives up at the start deadline and the
// reconciler (not running here) would start the workflow. Every case must still be committed.
// Env: BENCH_CASES (200), BENCH_CONCURRENCY (16), BENCH_WARMUP (20), BENCH_TIMEOUT_S (300).
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { serve } from '@hono/node-server';
import { createApp } from '../api/app.js';
import { loadConfig } from '../config/index.js';
import { createDb } from '../db/client.js';
import { migrateToLatest } from '../db/migrate.js';
import { upsertCustomerAccount, upsertOrganisation } from '../db/people.js';
import { createPersonalDataCipher } from '../db/personal-data.js';
import { createApiToken } from '../db/tokens.js';
import { connectTemporal } from '../temporal/client.js';
import { caseDataConverter } from '../temporal/payload-codec.js';
import { Cleanups, Deadline, envInt, runBench, runPool, summarize, type Summary } from './bench-lib.js';
import { ORGANISATIONSNUMMER, personnummer, question } from './sample-cases.js';
import { ensureTemporalCli } from './temporal-cli.js';
import { freePort, startDevServer } from './temporal-dev-server.js';
import { dropDatabase, freshDatabase } from './throwaway-databases.js';

const N = envInt('BENCH_CASES', 200);
const C = envInt('BENCH_CONCURRENCY', 16);
const WARMUP = envInt('BENCH_WARMUP', 20);
const LIMIT_S = envInt('BENCH_TIMEOUT_S', 300);

const deadline = new Deadline(Date.now() + LIMIT_S * 1000, `bench aborted after ${LIMIT_S} s (BENCH_TIMEOUT_S)`);
const progress = (line: string) => console.log(`· ${line}`);

// Everything started is stopped in reverse order, also on failure.
const cleanups = new Cleanups();
const { teardown } = cleanups;

async function main() {
  const config = loadConfig();
  const server = await startDevServer({ cli: ensureTemporalCli() });
  let temporalRunning = true;
  cleanups.push(['Temporal dev server', () => (temporalRunning ? server.stop() : Promise.resolve())]);
  const databaseUrl = await freshDatabase(config.DATABASE_URL, `kundportal_bench_outage_${process.pid}`);
  cleanups.push(['bench database', () => dropDatabase(databaseUrl)]);
  const db = createDb(databaseUrl);
  cleanups.push(['pg pool', () => db.destroy()]);
  await migrateToLatest(db);
  const temporal = await connectTemporal(server.address, 'default', caseDataConverter(config.TEMPORAL_PAYLOAD_KEY));
  cleanups.push(['Temporal client', () => temporal.connection.close()]);

  // The API in this process, as api/main.ts wires it. No worker: starting a workflow needs none.
  const cipher = createPersonalDataCipher({ encryptionKey: config.PNR_ENCRYPTION_KEY, hashKey: config.PNR_HASH_KEY });
  let deferred = 0; // starts the API left to the reconciler
  const app = createApp({
    db,
    temporal,
    cipher,
    workflow: { taskQueue: `bench-outage-${randomUUID()}`, calendar: config.businessCalendar },
    pickupOffices: config.pickupOffices,
    auth: config.auth,
    rateLimits: { loginsPerMinute: 1_000_000, submissionsPerMinute: 1_000_000 },
    temporalUi: { url: config.TEMPORAL_UI_URL, namespace: 'default' },
    log: (m) => (m.includes('deferred to the reconciler') ? deferred++ : console.error(m)),
  });
  const port = await freePort();
  const http = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  cleanups.push(['API', () => new Promise((r) => http.close(r))]);
  const baseUrl = `http://127.0.0.1:${port}`;

  const organisationId = await upsertOrganisation(db, { organisationsnummer: ORGANISATIONSNUMMER, name: 'Region Exempel', verified: true });
  const email = 'asa.oberg@exempel.se';
  const accountId = await upsertCustomerAccount(db, cipher, { organisationId, personnummer: personnummer('19850709', 980), name: 'Åsa Öberg', email, canOrder: false });
  const token = await createApiToken(db, { customerAccountId: accountId }, 'bench');

  const submit = async () => {
    const res = await fetch(`${baseUrl}/api/v1/cases`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(question(email)),
    });
    const text = await res.text();
    if (res.status !== 201) throw new Error(`POST /api/v1/cases answered ${res.status}: ${text.slice(0, 300)}`);
  };
  // A warm-up per phase, so each measures its steady state (the first calls after the stop meet a
  // connection that is only then found broken).
  const phase = async (name: string) => {
    await runPool(WARMUP, C, submit, deadline);
    const r = await runPool(N, C, submit, deadline);
    progress(`${name}: ${N} cases accepted in ${(r.elapsedMs / 1000).toFixed(2)} s`);
    return summarize(r.latencies, r.elapsedMs);
  };
  const counts = async () => {
    const rows = await db
      .selectFrom('cases')
      .select((eb) => [eb.fn.countAll<string>().as('all'), eb.fn.count<string>('workflowStartedAt').as('started')])
      .executeTakeFirstOrThrow();
    return { all: Number(rows.all), started: Number(rows.started) };
  };

  progress(`system up: Temporal ${server.address}, API ${baseUrl}, database ${new URL(databaseUrl).pathname.slice(1)}`);
  const up = await phase('Temporal up');
  const afterUp = await counts();
  const deferredWhileUp = deferred;

  await server.stop();
  temporalRunning = false;
  progress(`Temporal dev server stopped: nothing listens on ${server.address}`);
  const down = await phase('Temporal down');
  const afterDown = await counts();

  const submitted = 2 * (WARMUP + N);
  const committedOk = afterDown.all === submitted;
  const row = (label: string, s: Summary) =>
    `${label.padEnd(34)}${String(s.count).padStart(5)}${s.perSecond.toFixed(1).padStart(9)}` +
    [s.p50, s.p95, s.p99, s.max].map((v) => v.toFixed(1).padStart(9)).join('');
  const cpus = os.cpus();
  console.log(`
Kundportal: case submissions while Temporal is down, ${new Date().toISOString()}
machine   ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}
system    API in process, real PostgreSQL, Temporal dev server (in memory), stopped for the second phase
load      ${N} cases per phase (question), concurrency ${C}, warm-up ${WARMUP} per phase

${''.padEnd(34)}${'ops'.padStart(5)}${'ops/s'.padStart(9)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'p99'.padStart(9)}${'max'.padStart(9)}  (ms)
${row('POST /api/v1/cases, Temporal up', up)}
${row('POST /api/v1/cases, Temporal down', down)}

cases committed          ${afterDown.all} of ${submitted} submitted${committedOk ? '' : '  ← MISSING'}
workflow started at once ${afterUp.started} of ${afterUp.all} while up (${deferredWhileUp} deferred), ` +
    `${afterDown.started - afterUp.started} of ${afterDown.all - afterUp.all} while down (${deferred - deferredWhileUp} left to the reconciler)
`);
  if (!committedOk) throw new Error(`${submitted - afterDown.all} submitted cases are not in the database`);
}

await runBench(main, teardown);
