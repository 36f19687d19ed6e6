// npm run bench:queues: the back office's queues, filters and searches at a million cases, through
// the real HTTP API on loopback, next to the ceilings of the same stack (a bare GET /health/live and a
// bare `select 1`). Seeds a throwaway database, measures, prints a table and the plans, drops it.
// Env: BENCH_QUEUE_CASES (1000000), BENCH_QUEUE_RUNS (50), BENCH_QUEUE_WARMUP (5), BENCH_TIMEOUT_S (1800).
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { serve } from '@hono/node-server';
import { Client } from '@temporalio/client';
import { sql } from 'kysely';
import { createApp } from '../api/app.js';
import { loadConfig } from '../config/index.js';
import { createPersonalDataCipher } from '../db/personal-data.js';
import { COUNT_CAP } from '../db/queues.js';
import { createApiToken } from '../db/tokens.js';
import { Cleanups, envInt, runBench, type Summary } from './bench-lib.js';
import { explainQueries, recordingBenchDatabase, timeSerially } from './bench-requests.js';
import { RARE_SUBJECT_WORD, seedQueueCases } from './seed-queue-cases.js';

const CASES = envInt('BENCH_QUEUE_CASES', 1_000_000);
const RUNS = envInt('BENCH_QUEUE_RUNS', 50);
const WARMUP = envInt('BENCH_QUEUE_WARMUP', 5);
const LIMIT_S = envInt('BENCH_TIMEOUT_S', 1800);
const COMMON_WORD = 'kortläsare';

// Everything started is stopped in reverse order, also on failure.
const cleanups = new Cleanups();
const { teardown } = cleanups;
// Should anything hang: tear down (the database goes) within 20 s and exit 1.
setTimeout(() => {
  console.error(`bench aborted: still running after ${LIMIT_S} s (BENCH_TIMEOUT_S)`);
  void Promise.race([teardown(), new Promise((r) => setTimeout(r, 20_000))]).finally(() => process.exit(1));
}, LIMIT_S * 1000).unref();

const progress = (line: string) => console.log(`· ${line}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const q = (o: Record<string, unknown>) => encodeURIComponent(JSON.stringify(o));
const list = (filter: Record<string, unknown>, range: [number, number] = [0, 24], order: 'ASC' | 'DESC' = 'DESC') =>
  `/api/admin/cases?filter=${q(filter)}&sort=${encodeURIComponent(JSON.stringify(['createdAt', order]))}&range=${encodeURIComponent(JSON.stringify(range))}`;
const pageRange = (page: number, perPage = 25): [number, number] => [(page - 1) * perPage, page * perPage - 1];

async function main() {
  const config = loadConfig();
  const cipher = createPersonalDataCipher({ encryptionKey: config.PNR_ENCRYPTION_KEY, hashKey: config.PNR_HASH_KEY });

  const { db, recorder } = await recordingBenchDatabase(config.DATABASE_URL, 'kundportal_bench_queues', cleanups);

  // --- seed ---
  progress(`seeding ${CASES.toLocaleString('sv-SE')} cases (every index in place, as in production)`);
  let t = performance.now();
  const seeded = await seedQueueCases(db, cipher, CASES);
  const seedMs = performance.now() - t;
  t = performance.now();
  // Autovacuum would do this on its own in time; index-only scans need the visibility map it sets.
  await sql`vacuum analyze`.execute(db);
  const vacuumMs = performance.now() - t;
  progress(`seeded in ${seconds(seedMs)}, vacuum analyze ${seconds(vacuumMs)}`);

  // A case with a timeline: submitted (seeded), taken, an internal note and a reply.
  const detailCase = await db
    .selectFrom('cases')
    .select(['id', 'caseNumber', 'reporterId', 'assigneeId'])
    .where('status', '=', 'in_progress')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const staffId = seeded.handlerIds[0]!;
  await db
    .updateTable('cases')
    .set({ assigneeId: staffId, version: 4 })
    .where('id', '=', detailCase.id)
    .execute();
  const event = (version: number, action: string, actor: 'customer' | 'staff', from: string | null, to: string) => ({
    caseId: detailCase.id,
    version,
    action,
    actorType: actor,
    actorId: actor === 'customer' ? detailCase.reporterId : staffId,
    fromStatus: from as never,
    toStatus: to as never,
  });
  await db
    .insertInto('case_events')
    .values([
      event(2, 'take', 'staff', 'submitted', 'in_progress'),
      event(3, 'note', 'staff', 'in_progress', 'in_progress'),
      event(4, 'reply', 'staff', 'in_progress', 'in_progress'),
    ])
    .execute();
  await db
    .insertInto('case_messages')
    .values([
      { caseId: detailCase.id, version: 3, authorType: 'staff', authorId: staffId, visibility: 'internal', body: 'Kontrollera behörigheten först.' },
      { caseId: detailCase.id, version: 4, authorType: 'staff', authorId: staffId, visibility: 'public', body: 'Vi tittar på det.' },
    ])
    .execute();

  // --- the API on loopback, as a handler; reads never reach Temporal (a lazy client that never connects) ---
  const app = createApp({
    db,
    temporal: new Client(),
    cipher,
    workflow: { taskQueue: 'bench-queues-unused', calendar: config.businessCalendar },
    pickupOffices: config.pickupOffices,
    auth: config.auth,
    rateLimits: config.rateLimits,
    temporalUi: { url: config.TEMPORAL_UI_URL, namespace: config.TEMPORAL_NAMESPACE },
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  cleanups.push(['HTTP server', () => new Promise<void>((r) => server.close(() => r()))]);
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const token = await createApiToken(db, { staffId }, 'bench-queues');

  const get = async (path: string, expect: number) => {
    const res = await fetch(baseUrl + path, { headers: { Authorization: `Bearer ${token}` } });
    const body = await res.text();
    if (res.status !== expect) throw new Error(`GET ${path} answered ${res.status}, expected ${expect}: ${body.slice(0, 300)}`);
    return { res, body };
  };

  const { name: bigOrganisation } = await db
    .selectFrom('organisations')
    .select('name')
    .where('id', '=', seeded.organisationIds[0]!)
    .executeTakeFirstOrThrow();
  const place = bigOrganisation.split(' ').at(-1)!;

  const cases: Array<{ label: string; path: string; status?: number }> = [
    { label: 'queue new, page 1', path: list({ queue: 'new' }) },
    { label: 'queue mine, page 1', path: list({ queue: 'mine' }) },
    { label: 'queue awaiting, page 1', path: list({ queue: 'awaiting' }) },
    { label: 'queue open, page 1', path: list({ queue: 'open' }) },
    { label: 'queue closed, page 1', path: list({ queue: 'closed' }) },
    { label: 'queue undelivered, page 1', path: list({ queue: 'undelivered' }) },
    { label: 'queue closed, page 10', path: list({ queue: 'closed' }, pageRange(10)) },
    { label: 'queue closed, page 100', path: list({ queue: 'closed' }, pageRange(100)) },
    { label: `queue closed, page ${COUNT_CAP / 25} (last: the cap)`, path: list({ queue: 'closed' }, pageRange(COUNT_CAP / 25)) },
    { label: 'queue closed, page 1000 (400: past cap)', path: list({ queue: 'closed' }, pageRange(1000)), status: 400 },
    { label: 'queue closed, oldest first, page 1', path: list({ queue: 'closed' }, [0, 24], 'ASC') },
    { label: 'all cases, page 1', path: list({}) },
    { label: 'filter type siths_order', path: list({ type: 'siths_order' }) },
    { label: 'filter organisation (largest)', path: list({ organisationId: seeded.organisationIds[0] }) },
    { label: 'filter assignee', path: list({ assigneeId: seeded.handlerIds[1] }) },
    { label: 'filter status in_progress', path: list({ status: 'in_progress' }) },
    { label: 'queue open + type + organisation', path: list({ queue: 'open', type: 'question', organisationId: seeded.organisationIds[0] }) },
    { label: `search word "${COMMON_WORD}" (~4 %)`, path: list({ q: COMMON_WORD }) },
    { label: `search word "${RARE_SUBJECT_WORD}" (~0.1 %)`, path: list({ q: RARE_SUBJECT_WORD }) },
    { label: `search organisation "${place}"`, path: list({ q: place }) },
    { label: 'search case number', path: list({ q: detailCase.caseNumber }) },
    { label: 'queue counts', path: '/api/admin/queue-counts' },
    { label: 'case detail', path: `/api/admin/cases/${detailCase.caseNumber}` },
  ];

  const measure = (run: () => Promise<unknown>) => timeSerially(run, WARMUP, RUNS);

  progress(`measuring ${cases.length} requests × ${RUNS} (after ${WARMUP} warm-ups each), one at a time`);
  const results: Array<{ label: string; s: Summary; note: string }> = [];
  for (const c of cases) {
    const s = await measure(() => get(c.path, c.status ?? 200));
    const { res, body } = await get(c.path, c.status ?? 200);
    const range = res.headers.get('content-range');
    const note = range ? `${range.replace(/^cases /, '')}${/\/10000$/.test(range) ? '+' : ''}` : c.status === 400 ? 'refused' : body.length > 200 ? `${body.length} B` : body;
    results.push({ label: c.label, s, note });
  }
  const health = await measure(async () => {
    const res = await fetch(`${baseUrl}/health/live`);
    await res.text();
  });
  const select1 = await measure(() => sql`select 1`.execute(db));

  // --- the plans: every request once more, its SQL recorded and explained on the same data ---
  const plans: Array<{ label: string; scans: string[]; ms: number }> = [];
  for (const c of cases) {
    const queries = (await recorder.record(() => get(c.path, c.status ?? 200))).filter((r) => !/api_tokens/.test(r.sql));
    plans.push({ label: c.label, ...(await explainQueries(db, queries)) });
  }

  // --- report ---
  const cpus = os.cpus();
  const { rows: version } = await sql<{ serverVersion: string }>`show server_version`.execute(db);
  const { rows: settings } = await sql<{ sharedBuffers: string }>`select current_setting('shared_buffers') as shared_buffers`.execute(db);
  const { rows: size } = await sql<{ table: string; indexes: string }>`
    select pg_size_pretty(pg_relation_size('cases')) as table, pg_size_pretty(pg_indexes_size('cases')) as indexes`.execute(db);
  const row = (label: string, s: Summary, note = '') =>
    `${label.padEnd(44)}${String(s.count).padStart(4)}` + [s.p50, s.p95, s.p99, s.max].map((v) => v.toFixed(1).padStart(8)).join('') + (note ? `  ${note}` : '');
  console.log(`
Kundportal back-office queues benchmark, ${new Date().toISOString()}
machine   ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}
database  PostgreSQL ${version[0]?.serverVersion}, shared_buffers ${settings[0]?.sharedBuffers}; cases ${size[0]?.table} + indexes ${size[0]?.indexes}
data      ${CASES.toLocaleString('sv-SE')} cases over 3 years (~3 % new, ~5 % awaiting, ~12 % in progress, ~80 % closed), ${seeded.organisationIds.length} organisations, ${seeded.handlerIds.length} handlers
seeding   ${seconds(seedMs)} (one generate_series insert, every index in place), vacuum analyze ${seconds(vacuumMs)}
requests  GET through Hono on loopback with a handler's bearer token, one at a time, ${WARMUP} warm-ups then ${RUNS} each; 25 rows a page

${''.padEnd(44)}${'n'.padStart(4)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'p99'.padStart(8)}${'max'.padStart(8)}  (ms)  Content-Range
${results.map((r) => row(r.label, r.s, r.note)).join('\n')}
${row('ceiling: GET /health/live, same HTTP stack', health)}
${row('ceiling: select 1 through Kysely', select1)}

Plans (EXPLAIN ANALYZE of each request's SQL; indexes on cases, "(only)" = index-only scan):
${plans.map((p) => `  ${p.label.padEnd(44)}${p.ms.toFixed(1).padStart(7)} ms  ${p.scans.join(', ') || '—'}`).join('\n')}
`);
  const seqScans = plans.filter((p) => p.scans.some((s) => s.startsWith('SEQ SCAN')));
  if (seqScans.length > 0) throw new Error(`sequential scans of a large table in: ${seqScans.map((p) => p.label).join('; ')}`);
}

await runBench(main, teardown);
