// npm run bench:idle: many open cases waiting on timers. Starts the whole system as bench:actions runs
// it (scripts/bench-system.ts), submits N cases (default 100,000) that then sit open on their durable
// timers (service-level warnings, the workflow's wait for an action), and prints:
// - the case worker process's RSS with them all idle (and its peak over the run), and the e-mail
//   worker process's beside it;
// - the history length of a typical case after a full lifecycle with service-level events: submitted,
//   its 80 % warnings and breaches on both clocks (targets of one and two minutes, a calendar open
//   around the clock), taken, a note, a reply, a request for more information, the customer's answer,
//   a reply and closing, each through the HTTP API;
// - how long a restart of the case worker takes to serve an action again: it is stopped (SIGTERM) and
//   started anew, timed to its first poll and to the first handler action answered on an idle case,
//   whose workflow the new worker must replay from its history. The workflows are bundled first, as
//   npm start does, so neither worker runs webpack when it starts.
// Goals: RSS under 1 GB, at most 200 events per typical case.
// Flags (or env): --cases (BENCH_IDLE_CASES, 100000), --timeout (BENCH_TIMEOUT_S, 7200).
// Example, for a shared machine: npm run bench:idle -- --cases 3000
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { DEFAULT_WORKER_MAX_CACHED_MAILBOXES, DEFAULT_WORKER_MAX_CACHED_WORKFLOWS } from '../config/index.js';
import { insertSubmittedCase } from '../db/cases.js';
import { upsertCustomerAccount, upsertOrganisation, upsertStaff } from '../db/people.js';
import { createPersonalDataCipher } from '../db/personal-data.js';
import { createApiToken } from '../db/tokens.js';
import { DEFAULT_SERVICE_LEVEL_TARGETS } from '../domain/service-levels.js';
import { caseSubmissionSchema } from '../domain/index.js';
import { startCaseWorkflow } from '../temporal/start-case.js';
import type { BusinessCalendarConfig } from '../workflows/business-hours.js';
import { Cleanups, Deadline, abortAfter, envInt, runBench, runPool, waitUntil } from './bench-lib.js';
import { startBenchSystem } from './bench-system.js';
import { ensureWorkflowBundle } from './bundle-workflows.js';
import { startProcess, stopProcess } from './processes.js';
import { ORGANISATIONSNUMMER, contact, personnummer, question } from './sample-cases.js';

const { values: flags } = parseArgs({ options: { cases: { type: 'string' }, timeout: { type: 'string' } } });
const N = envInt('BENCH_IDLE_CASES', 100_000, flags.cases);
const LIMIT_S = envInt('BENCH_TIMEOUT_S', 7_200, flags.timeout);
const GOAL_RSS_MIB = 1024;
const GOAL_EVENTS = 200;
/** Cases submitted ahead of the worker's first task for them (below its cache of case workflows). */
const IN_FLIGHT = 300;

const deadline = new Deadline(Date.now() + LIMIT_S * 1000, `bench aborted after ${LIMIT_S} s (BENCH_TIMEOUT_S)`);
const progress = (line: string) => console.log(`· ${line}`);
const cleanups = new Cleanups();
const { teardown } = cleanups;
abortAfter(LIMIT_S, 'BENCH_TIMEOUT_S', teardown);

const ALWAYS_OPEN: BusinessCalendarConfig = { open: '00:00:00', close: '23:59:59', days: [1, 2, 3, 4, 5, 6, 7], closedDates: [], observeHolidays: false };

// --- the worker processes (Linux /proc) -------------------------------------------------------------

/** The environment a process was started with: a new worker gets exactly the old one's. */
const environmentOf = (pid: number): NodeJS.ProcessEnv =>
  Object.fromEntries(
    readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );

/** Resident set now and at its peak, in MiB. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

async function main() {
  // As npm start does: the worker (and its restart) loads a prebuilt bundle instead of running webpack.
  await ensureWorkflowBundle((line) => progress(line));
  const system = await startBenchSystem(cleanups, { databaseName: `kundportal_bench_idle_${process.pid}`, pool: 8 });
  const { config, db, temporal, baseUrl } = system;
  // The case worker (WORKER_QUEUES=cases), whose environment its restart below gets again.
  let workerPid = system.workerPid!;
  const emailWorkerPid = system.emailWorkerPid!;
  const workerEnv = environmentOf(workerPid);
  const taskQueue = workerEnv.TEMPORAL_TASK_QUEUE!;

  const cipher = createPersonalDataCipher({ encryptionKey: config.PNR_ENCRYPTION_KEY, hashKey: config.PNR_HASH_KEY });
  const organisationId = await upsertOrganisation(db, { organisationsnummer: ORGANISATIONSNUMMER, name: 'Region Exempel', verified: true });
  const customerEmail = 'asa.oberg@exempel.se';
  const reporterId = await upsertCustomerAccount(db, cipher, { organisationId, personnummer: personnummer('19850709', 980), name: 'Åsa Öberg', email: customerEmail, canOrder: false });
  const customerToken = await createApiToken(db, { customerAccountId: reporterId }, 'bench');
  const handlerId = await upsertStaff(db, { name: 'Hanna Handläggare', email: 'hanna@kundportal.local', role: 'handler' });
  const staffToken = await createApiToken(db, { staffId: handlerId }, 'bench');
  const schema = caseSubmissionSchema({ pickupOffices: [] });
  const submit = async (submission: unknown, calendar: BusinessCalendarConfig) => {
    const row = await db.transaction().execute((trx) =>
      insertSubmittedCase(trx, { sealedSubmission: cipher.sealSubmission(schema.parse(submission)), reporterId, organisationId }),
    );
    await startCaseWorkflow(temporal, row, { taskQueue, calendar });
    return row.caseNumber;
  };

  /** An action through the HTTP API, following a 202 to its outcome as a client does; the time to the answer. */
  const act = async (path: string, token: string, body: unknown) => {
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() };
    const t = performance.now();
    let res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    let text = await res.text();
    while (res.status === 202) {
      deadline.check(`waiting for ${path}`);
      res = await fetch(`${baseUrl}${(JSON.parse(text) as { statusUrl: string }).statusUrl}`, { headers });
      text = await res.text();
    }
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return performance.now() - t;
  };
  const staffAction = (caseNumber: string, action: string, body: unknown = {}) =>
    act(`/api/v1/staff/cases/${caseNumber}/actions/${action}`, staffToken, body);

  // --- the typical case first: its service-level timers run out while the idle cases are submitted ---
  await db
    .insertInto('service_level_targets')
    .values({ caseType: 'improvement', ...DEFAULT_SERVICE_LEVEL_TARGETS.improvement, firstResponseMinutes: 1, resolutionMinutes: 2, rolledOutAt: new Date() })
    .execute();
  const typical = await submit({ ...question(customerEmail), type: 'improvement', subject: 'Förslag om inloggning' }, ALWAYS_OPEN);

  // --- N idle cases, on the configured calendar: they wait for an action and on their warning timers ---
  // Real cases arrive over weeks: at most IN_FLIGHT are submitted ahead of the worker's first task for
  // them (fewer than it caches), or a backlog of tens of thousands would measure cache eviction.
  const measured = async () =>
    Number((await db.selectFrom('case_service_levels').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const t0 = performance.now();
  let done = 0;
  let measuredNow = 0;
  let submitting = true;
  const poller = (async () => {
    while (submitting) {
      measuredNow = await measured();
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const ticker = setInterval(() => progress(`${done} of ${N} cases submitted and started, ${measuredNow} measuring`), 30_000);
  await runPool(N, 16, async (i) => {
    while (done - measuredNow > IN_FLIGHT) await new Promise((r) => setTimeout(r, 50));
    await submit(question(`kund${i % 5000}@exempel.se`), config.businessCalendar);
    done++;
  }, deadline);
  submitting = false;
  await poller;
  clearInterval(ticker);
  const submitS = (performance.now() - t0) / 1000;
  progress(`${N} cases submitted and their workflows started in ${submitS.toFixed(0)} s`);
  await waitUntil(async () => (await measured()) >= N + 1, deadline, 'waiting for every workflow to start measuring', 2_000);
  const settledS = (performance.now() - t0) / 1000;
  progress(`every workflow has run its first task (clocks written) after ${settledS.toFixed(0)} s; letting the worker idle 30 s`);
  await new Promise((r) => setTimeout(r, 30_000));
  const idle = memoryOf(workerPid);
  const emailIdle = memoryOf(emailWorkerPid);
  const open = Number((await sql<{ n: number }>`select count(*)::int as n from cases where status <> 'closed'`.execute(db)).rows[0]!.n);

  // --- the typical case's lifecycle, once both clocks have warned and breached ---
  const { id: typicalId } = await db.selectFrom('cases').select('id').where('caseNumber', '=', typical).executeTakeFirstOrThrow();
  const warnings = async () =>
    Number((await db.selectFrom('staff_notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('caseId', '=', typicalId).executeTakeFirstOrThrow()).n);
  await waitUntil(async () => (await warnings()) >= 4, deadline, 'waiting for the typical case’s warnings and breaches', 1_000);
  await staffAction(typical, 'take');
  await staffAction(typical, 'note', { body: 'Ringde kunden.' });
  await staffAction(typical, 'reply', { body: 'Tack, vi tittar på det.' });
  await staffAction(typical, 'request-info', { body: 'Vilken inloggning gäller det?' });
  await act(`/api/v1/cases/${typical}/messages`, customerToken, { body: 'SITHS eID i journalsystemet.' });
  await staffAction(typical, 'reply', { body: 'Nu är det ordnat.' });
  await staffAction(typical, 'close', { resolution: 'Inloggningen är ändrad.' });
  const handle = temporal.workflow.getHandle((await db.selectFrom('cases').select('workflowId').where('id', '=', typicalId).executeTakeFirstOrThrow()).workflowId);
  const history = await handle.fetchHistory();
  const events = history.events ?? [];
  const byType = new Map<string, number>();
  for (const e of events) {
    const name = Object.keys(e).find((k) => k.endsWith('EventAttributes') && (e as Record<string, unknown>)[k]) ?? 'other';
    const short = name.replace(/EventAttributes$/, '').replace(/^workflowExecution/, '').replace(/^workflowTask/, 'task ');
    byType.set(short, (byType.get(short) ?? 0) + 1);
  }
  const top = [...byType.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${v}`).join(', ');

  // --- the restart: stop the worker, start it anew, time until an idle case's action is answered ---
  const idleCase = (await db.selectFrom('cases').select('caseNumber').where('status', '=', 'submitted').orderBy('id').offset(Math.floor(N / 2)).limit(1).executeTakeFirstOrThrow()).caseNumber;
  const tStop = performance.now();
  process.kill(workerPid, 'SIGTERM');
  await waitUntil(async () => !existsSync(`/proc/${workerPid}`) || readFileSync(`/proc/${workerPid}/status`, 'utf8').includes('zombie'), deadline, 'waiting for the worker to stop', 20);
  const stopMs = performance.now() - tStop;
  const tStart = performance.now();
  const child = await startProcess('worker/main.ts', workerEnv, 'worker: polling task queue', 120_000);
  cleanups.push(['restarted worker', () => stopProcess(child)]);
  const pollingMs = performance.now() - tStart;
  const firstActionMs = await staffAction(idleCase, 'note', { body: 'Efter omstarten.' });
  const servedMs = performance.now() - tStart;
  workerPid = child.pid!;
  const more: number[] = [];
  for (const c of await db.selectFrom('cases').select('caseNumber').where('status', '=', 'submitted').orderBy('id').offset(Math.floor(N / 3)).limit(5).execute()) {
    more.push(await staffAction(c.caseNumber, 'note', { body: 'Efter omstarten.' }));
  }
  const after = memoryOf(workerPid);
  const emailAfter = memoryOf(emailWorkerPid);

  const cpus = os.cpus();
  const { rows } = await sql<{ serverVersion: string }>`show server_version`.execute(db);
  const verdict = (ok: boolean) => (ok ? 'yes' : 'NO');
  console.log(`
Kundportal idle-cases benchmark, ${new Date().toISOString()}
machine   ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}
system    PostgreSQL ${rows[0]?.serverVersion}, Temporal dev server (in memory), API, case worker and e-mail worker (nice 10) processes; worker cache ${workerEnv.WORKER_MAX_CACHED_WORKFLOWS ?? DEFAULT_WORKER_MAX_CACHED_WORKFLOWS} case workflows, ${workerEnv.WORKER_MAX_CACHED_MAILBOXES ?? DEFAULT_WORKER_MAX_CACHED_MAILBOXES} mailboxes (WORKER_MAX_CACHED_WORKFLOWS, WORKER_MAX_CACHED_MAILBOXES)
load      ${N} cases submitted and started in ${submitS.toFixed(0)} s, all measuring after ${settledS.toFixed(0)} s; ${open} open cases waiting on their timers

worker RSS        ${idle.rss.toFixed(0)} MiB with every case idle (peak ${idle.peak.toFixed(0)} MiB while they were started)   < ${GOAL_RSS_MIB} MiB: ${verdict(idle.peak < GOAL_RSS_MIB)}
e-mail worker RSS ${emailIdle.rss.toFixed(0)} MiB with every case idle (peak ${emailIdle.peak.toFixed(0)} MiB while they were started)   < ${GOAL_RSS_MIB} MiB: ${verdict(emailIdle.peak < GOAL_RSS_MIB)}
typical case      ${events.length} history events after a full lifecycle with 2 warnings and 2 breaches, 7 actions and closing   ≤ ${GOAL_EVENTS}: ${verdict(events.length <= GOAL_EVENTS)}
                  (${top})
worker restart    stopped in ${(stopMs / 1000).toFixed(1)} s; the new worker polled after ${(pollingMs / 1000).toFixed(1)} s and served an action on an idle case ${(servedMs / 1000).toFixed(1)} s after its start (the action itself ${firstActionMs.toFixed(0)} ms)
                  the next 5 actions on other idle cases: ${more.map((m) => m.toFixed(0)).join(', ')} ms; worker RSS after them ${after.rss.toFixed(0)} MiB (e-mail worker ${emailAfter.rss.toFixed(0)} MiB)
`);
}

await runBench(main, teardown);
