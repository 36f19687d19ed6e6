// npm run bench: end-to-end case submissions through the HTTP API, against the bare ceilings of
// Temporal workflow starts, a workflow that runs one no-op activity, and Postgres case inserts, all
// measured in one run on one machine.
// The one-activity ceiling runs each workflow to completion on a worker in this process.
// Env: BENCH_CASES (300), BENCH_CONCURRENCY (16), BENCH_CEILING_OPS (300), BENCH_WARMUP (20), BENCH_TIMEOUT_S (300).
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { sql } from 'kysely';
import { upsertCustomerAccount, upsertOrganisation } from '../db/people.js';
import { createPersonalDataCipher } from '../db/personal-data.js';
import { createApiToken } from '../db/tokens.js';
import { Cleanups, Deadline, abortAfter, envInt, runBench, runPool, summarize, type Summary, waitUntil } from './bench-lib.js';
import { startBenchSystem } from './bench-system.js';
import { ORGANISATIONSNUMMER, personnummer, question, sithsOrder } from './sample-cases.js';

const N = envInt('BENCH_CASES', 300);
const C = envInt('BENCH_CONCURRENCY', 16);
const M = envInt('BENCH_CEILING_OPS', 300);
const WARMUP = envInt('BENCH_WARMUP', 20);
const LIMIT_S = envInt('BENCH_TIMEOUT_S', 300);
const POOL = 10; // one pg pool shared by the API, the worker's activities and the insert ceiling
const deadline = new Deadline(Date.now() + LIMIT_S * 1000, `bench aborted after ${LIMIT_S} s (BENCH_TIMEOUT_S)`);
const progress = (line: string) => console.log(`· ${line}`);

// Everything started is stopped in reverse order, also on failure.
const cleanups = new Cleanups();
const { teardown } = cleanups;
abortAfter(LIMIT_S, 'BENCH_TIMEOUT_S', teardown);

async function main() {
  // --- the system: Temporal, Postgres, SMTP catcher, and the API and the worker as their own processes ---
  const { config, server, databaseUrl, db, mail, dataConverter, temporal, baseUrl } = await startBenchSystem(cleanups, {
    databaseName: `kundportal_bench_${process.pid}`,
    pool: POOL,
  });

  // --- one organisation, one customer, one API token ---
  const cipher = createPersonalDataCipher({ encryptionKey: config.PNR_ENCRYPTION_KEY, hashKey: config.PNR_HASH_KEY });
  const organisationId = await upsertOrganisation(db, { organisationsnummer: ORGANISATIONSNUMMER, name: 'Region Exempel', verified: true });
  const email = 'asa.oberg@exempel.se';
  const accountId = await upsertCustomerAccount(db, cipher, {
    organisationId,
    personnummer: personnummer('19850709', 980),
    name: 'Åsa Öberg',
    email,
    canOrder: true, // the benchmark submits SITHS orders
  });
  const token = await createApiToken(db, { customerAccountId: accountId }, 'bench');
  progress(`system up: Temporal ${server.address}, API ${baseUrl}, SMTP :${mail.smtpPort}, database ${new URL(databaseUrl).pathname.slice(1)}`);

  // --- 1. end to end: POST /api/v1/cases, then every receipt e-mail out ---
  const submittedAt = new Map<string, number>();
  const submit = async (i: number) => {
    const started = Date.now();
    const res = await fetch(`${baseUrl}/api/v1/cases`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(i % 2 === 0 ? question(email) : sithsOrder(email, 3)),
    });
    const text = await res.text();
    if (res.status !== 201) throw new Error(`POST /api/v1/cases answered ${res.status}: ${text.slice(0, 300)}`);
    submittedAt.set((JSON.parse(text) as { caseNumber: string }).caseNumber, started);
  };
  const sentCount = async () => {
    const { n } = await db
      .selectFrom('email_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'sent')
      .executeTakeFirstOrThrow();
    return Number(n);
  };

  await runPool(WARMUP, C, submit, deadline);
  await waitUntil(async () => (await sentCount()) >= WARMUP, deadline, 'waiting for the warm-up receipts');
  submittedAt.clear();
  progress(`warm-up done (${WARMUP} cases, receipts sent); submitting ${N} cases at concurrency ${C}`);

  const wallStart = Date.now();
  const run = await runPool(N, C, submit, deadline);
  const e2e = summarize(run.latencies, run.elapsedMs);
  progress(`${N} cases accepted in ${(run.elapsedMs / 1000).toFixed(2)} s; waiting for their receipts`);
  await waitUntil(async () => (await sentCount()) >= WARMUP + N, deadline, 'waiting for the receipt e-mails');
  const sent = await db
    .selectFrom('email_log as e')
    .innerJoin('cases as c', 'c.id', 'e.caseId')
    .select(['c.caseNumber', 'e.sentAt'])
    .where('e.status', '=', 'sent')
    .execute();
  const receiptLatencies: number[] = [];
  let lastSent = 0;
  for (const r of sent) {
    const at = submittedAt.get(r.caseNumber);
    if (at === undefined || !r.sentAt) continue; // a warm-up case
    receiptLatencies.push(r.sentAt.getTime() - at);
    lastSent = Math.max(lastSent, r.sentAt.getTime());
  }
  if (receiptLatencies.length !== N) throw new Error(`expected ${N} receipts, found ${receiptLatencies.length}`);
  const drainMs = lastSent - wallStart;
  const receipts = summarize(receiptLatencies, drainMs);
  progress(`all ${N} receipts sent ${(drainMs / 1000).toFixed(2)} s after the first submission`);

  // --- 2. and 3. the ceilings: bare Temporal starts, bare Postgres inserts (each after its own warm-up) ---
  const measure = async (count: number, task: (i: number) => Promise<unknown>) => {
    await runPool(WARMUP, C, (i) => task(count + i).then(() => {}), deadline);
    const r = await runPool(count, C, (i) => task(i).then(() => {}), deadline);
    return summarize(r.latencies, r.elapsedMs);
  };
  const noopQueue = `bench-noop-${randomUUID()}`; // no worker polls it: the workflows never run
  const starts = await measure(M, (i) =>
    temporal.workflow.start('benchNoop', { taskQueue: noopQueue, workflowId: `${noopQueue}-${i}` }),
  );
  progress(`${M} bare workflow starts done`);
  // The least a case can cost Temporal: start, one activity, completion, on a worker in this process.
  const oneActivityQueue = `bench-one-activity-${randomUUID()}`;
  const benchWorker = await Worker.create({
    connection: await NativeConnection.connect({ address: server.address }),
    taskQueue: oneActivityQueue,
    workflowsPath: fileURLToPath(new URL('./bench-workflows.ts', import.meta.url)),
    activities: { noop: async () => {} },
    dataConverter,
  });
  const benchWorkerRun = benchWorker.run();
  cleanups.push(['one-activity worker', async () => (benchWorker.getState() === 'RUNNING' ? (benchWorker.shutdown(), benchWorkerRun) : undefined)]);
  const oneActivity = await measure(M, (i) =>
    temporal.workflow.execute('benchOneActivity', { taskQueue: oneActivityQueue, workflowId: `${oneActivityQueue}-${i}` }),
  );
  progress(`${M} one-activity workflows done`);
  const inserts = await measure(M, (i) =>
    db
      .insertInto('cases')
      .values({
        caseNumber: `BENCH-1900-${String(i + 1).padStart(5, '0')}`,
        year: 1900, // never a real case year, so (year, seq) cannot clash
        seq: i + 1,
        type: 'question',
        status: 'submitted',
        subject: 'Bench',
        payload: '{}',
        organisationId,
      })
      .execute(),
  );
  progress(`${M} bare case inserts done`);

  // --- 4. report ---
  const cpus = os.cpus();
  const { rows } = await sql<{ serverVersion: string }>`show server_version`.execute(db);
  const row = (label: string, s: Summary, note = '') =>
    `${label.padEnd(50)}${String(s.count).padStart(5)}${s.perSecond.toFixed(1).padStart(9)}` +
    [s.p50, s.p95, s.p99, s.max].map((v) => v.toFixed(1).padStart(9)).join('') +
    (note ? `  ${note}` : '');
  const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(1)} %`;
  const times = (a: number, b: number) => `${(a / b).toFixed(2)} ×`;
  // Like for like: a case counts once its receipt e-mail is sent, a one-activity workflow once it completed.
  const target = receipts.perSecond / oneActivity.perSecond;
  console.log(`
Kundportal benchmark, ${new Date().toISOString()}
machine   ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ` +
    `Node ${process.version}, ${os.type()} ${os.release()}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}
system    PostgreSQL ${rows[0]?.serverVersion} (pool ${POOL}), Temporal dev server (in memory), API and worker processes, in-process SMTP catcher, no e-mail rate cap (EMAIL_MAX_PER_SECOND lifted)
load      ${N} cases alternating question / SITHS order (3 rows), concurrency ${C}, warm-up ${WARMUP}; ceilings ${M} ops

ops/s is accepted/s for a request answered before its work is done, completed/s for work waited out.
${''.padEnd(50)}${'ops'.padStart(5)}${'ops/s'.padStart(9)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'p99'.padStart(9)}${'max'.padStart(9)}  (ms)
${row('end-to-end  accepted: POST /api/v1/cases → 201', e2e, 'accepted/s')}
${row('end-to-end  completed: submit → receipt e-mail sent', receipts, `completed/s (${N} cases in ${(drainMs / 1000).toFixed(2)} s)`)}
${row('ceiling     bare workflow start → accepted', starts, 'accepted/s (no worker runs them)')}
${row('ceiling     one-activity workflow start → completed', oneActivity, 'completed/s')}
${row('ceiling     Postgres bare case insert', inserts, 'inserted/s')}

target    end-to-end completed/s ≥ 0.5 × one-activity workflows completed/s (issue 13)
          ${receipts.perSecond.toFixed(1)} / ${oneActivity.perSecond.toFixed(1)} = ${times(receipts.perSecond, oneActivity.perSecond)}  ${target >= 0.5 ? 'met' : 'NOT met'}
context   end-to-end accepted/s ÷ one-activity completed/s   ${times(e2e.perSecond, oneActivity.perSecond)}  (accepted only: receipts may still be on their way)
          end-to-end accepted/s ÷ bare starts accepted/s     ${pct(e2e.perSecond, starts.perSecond)}
          end-to-end accepted/s ÷ Postgres inserts/s         ${pct(e2e.perSecond, inserts.perSecond)}
          end-to-end ${e2e.perSecond.toFixed(1)} accepted/s and ${receipts.perSecond.toFixed(1)} completed/s; issue 13 measured 71 accepted/s before its changes on a 2-core machine
`);
}

await runBench(main, teardown);
