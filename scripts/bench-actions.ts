// npm run bench:actions: p50/p95/p99 of every handler action through the HTTP API
// (POST /api/v1/staff/cases/{caseNumber}/actions/{action}, and the customer's message), next to a bare
// Temporal Update on a trivial workflow (scripts/bench-workflows.ts, on a bench-only worker process),
// measured in the same run. Every lane does one action and one bare Update in turn (in alternating
// order), so the machine's load falls on both alike: first one lane, then --concurrency lanes.
// Each lane works its own cases, in turn, and its own trivial workflows (one per case).
// Flags (or env): --samples (BENCH_ACTION_SAMPLES, 60) of each action per mode, --concurrency
// (BENCH_ACTION_CONCURRENCY, 8), --warmup (BENCH_ACTION_WARMUP, 1) cycles per lane not counted,
// --timeout (BENCH_TIMEOUT_S, 600) seconds: a safety net, a run takes 1–3 minutes. Example: npm run bench:actions -- --samples 40
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { WorkflowHandle } from '@temporalio/client';
import { sql } from 'kysely';
import { upsertCustomerAccount, upsertOrganisation, upsertStaff } from '../db/people.js';
import { createPersonalDataCipher } from '../db/personal-data.js';
import { createApiToken } from '../db/tokens.js';
import { Cleanups, Deadline, abortAfter, envInt, percentile, runBench, runPool, waitUntil } from './bench-lib.js';
import { startBenchSystem } from './bench-system.js';
import { benchUpdate } from './bench-workflows.js';
import { startProcess, stopProcess } from './processes.js';
import { ORGANISATIONSNUMMER, personnummer, question } from './sample-cases.js';

const { values: flags } = parseArgs({
  options: { samples: { type: 'string' }, concurrency: { type: 'string' }, warmup: { type: 'string' }, timeout: { type: 'string' } },
});
const SAMPLES = envInt('BENCH_ACTION_SAMPLES', 60, flags.samples);
const C = envInt('BENCH_ACTION_CONCURRENCY', 8, flags.concurrency);
const WARMUP = envInt('BENCH_ACTION_WARMUP', 1, flags.warmup);
const LIMIT_S = envInt('BENCH_TIMEOUT_S', 600, flags.timeout);
/**
 * Cycles on one case at most: its history stays the size of a busy real case's, and half the takes
 * are a case's first (their own row), enough samples for that row's p95 to be more than its maximum.
 */
const CYCLES_PER_CASE = 2;
const LIMIT = 3; // the issue's bound: an action's p95 at most 3 × the bare Update's

const deadline = new Deadline(Date.now() + LIMIT_S * 1000, `bench aborted after ${LIMIT_S} s (BENCH_TIMEOUT_S)`);
const progress = (line: string) => console.log(`· ${line}`);
const cleanups = new Cleanups();
const { teardown } = cleanups;
abortAfter(LIMIT_S, 'BENCH_TIMEOUT_S', teardown);

type Who = 'staff' | 'customer';
/**
 * One cycle leaves a case as it found it (Under behandling), so cycles repeat on it; every step is
 * allowed where it stands. The customer's message answers the request for information.
 */
const cycle = (colleagueId: number): Array<{ name: string; who: Who; path: string; body: Record<string, unknown> }> => [
  { name: 'take', who: 'staff', path: 'actions/take', body: {} },
  { name: 'assign', who: 'staff', path: 'actions/assign', body: { assigneeId: colleagueId } },
  { name: 'note', who: 'staff', path: 'actions/note', body: { body: 'Ringde kunden, återkommer i morgon.' } },
  { name: 'reply', who: 'staff', path: 'actions/reply', body: { body: 'Tack, vi tittar på det.' } },
  { name: 'request-info', who: 'staff', path: 'actions/request-info', body: { body: 'Vilken enhet gäller det?' } },
  { name: 'message (customer)', who: 'customer', path: 'messages', body: { body: 'Vårdcentralen Åby.' } },
  { name: 'close', who: 'staff', path: 'actions/close', body: { resolution: 'Inloggningen fungerar nu.' } },
  { name: 'reopen', who: 'staff', path: 'actions/reopen', body: {} },
];
const BARE = 'bare Update';
/** A case's first take also moves it from Inskickat and tells the customer: its own row. */
const FIRST_TAKE = 'take (new case)';

interface Lane {
  cases: string[];
  targets: WorkflowHandle[];
  cycles: number;
}

async function main() {
  const system = await startBenchSystem(cleanups, { databaseName: `kundportal_bench_actions_${process.pid}`, pool: 4 });
  const { config, db, temporal, baseUrl, server } = system;

  const benchQueue = `bench-update-${randomUUID()}`;
  const benchWorker = await startProcess('scripts/bench-update-worker.ts', { ...process.env, TEMPORAL_ADDRESS: server.address, BENCH_UPDATE_QUEUE: benchQueue }, 'bench update worker: polling');
  cleanups.push(['bench update worker process', () => stopProcess(benchWorker)]);

  // --- people: a customer who submits, a handler who acts, a colleague to assign to ---
  const cipher = createPersonalDataCipher({ encryptionKey: config.PNR_ENCRYPTION_KEY, hashKey: config.PNR_HASH_KEY });
  const organisationId = await upsertOrganisation(db, { organisationsnummer: ORGANISATIONSNUMMER, name: 'Region Exempel', verified: true });
  const email = 'asa.oberg@exempel.se';
  const accountId = await upsertCustomerAccount(db, cipher, { organisationId, personnummer: personnummer('19850709', 980), name: 'Åsa Öberg', email, canOrder: false });
  const handlerId = await upsertStaff(db, { name: 'Hanna Handläggare', email: 'hanna@kundportal.local', role: 'handler' });
  const colleagueId = await upsertStaff(db, { name: 'Kim Kollega', email: 'kim@kundportal.local', role: 'handler' });
  const tokens: Record<Who, string> = {
    customer: await createApiToken(db, { customerAccountId: accountId }, 'bench'),
    staff: await createApiToken(db, { staffId: handlerId }, 'bench'),
  };
  const steps = cycle(colleagueId);

  // --- lanes: one for the sequential mode, C for the concurrent one; counted cycles split evenly ---
  const lanesOf = (count: number): Array<{ cycles: number; cases: number }> =>
    Array.from({ length: count }, (_, i) => {
      const cycles = WARMUP + Math.floor((SAMPLES + count - 1 - i) / count);
      return { cycles, cases: Math.ceil(cycles / CYCLES_PER_CASE) };
    });
  const plan = { sequential: lanesOf(1), concurrent: lanesOf(C) };
  const caseCount = [...plan.sequential, ...plan.concurrent].reduce((n, l) => n + l.cases, 0);

  // --- the cases, through the API; then their receipts out, so submissions' work is over ---
  const caseNumbers: string[] = [];
  await runPool(caseCount, C, async () => {
    const res = await fetch(`${baseUrl}/api/v1/cases`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens.customer}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(question(email)),
    });
    const text = await res.text();
    if (res.status !== 201) throw new Error(`POST /api/v1/cases answered ${res.status}: ${text.slice(0, 300)}`);
    caseNumbers.push((JSON.parse(text) as { caseNumber: string }).caseNumber);
  }, deadline);
  const sent = async () =>
    Number((await db.selectFrom('email_log').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'sent').executeTakeFirstOrThrow()).n);
  await waitUntil(async () => (await sent()) >= caseCount, deadline, 'waiting for the receipt e-mails');
  const targets = await Promise.all(
    caseNumbers.map((_, i) => temporal.workflow.start('benchUpdateTarget', { taskQueue: benchQueue, workflowId: `${benchQueue}-${i}` })),
  );
  progress(`system up: ${caseCount} cases submitted (receipts sent) and ${targets.length} trivial workflows started`);

  let taken = 0;
  const lanes = (specs: Array<{ cycles: number; cases: number }>): Lane[] =>
    specs.map((s) => {
      const from = taken;
      taken += s.cases;
      return { cycles: s.cycles, cases: caseNumbers.slice(from, taken), targets: targets.slice(from, taken) };
    });

  // --- one operation of each kind, timed ---
  const act = async (caseNumber: string, step: (typeof steps)[number]) => {
    const scope = step.who === 'staff' ? 'staff/cases' : 'cases';
    const init = {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens[step.who]}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify(step.body),
    };
    const t = performance.now();
    let res = await fetch(`${baseUrl}/api/v1/${scope}/${caseNumber}/${step.path}`, init);
    let text = await res.text();
    if (res.status === 202) {
      // Not done within the API's deadline: timed until done, as a client following the status URL waits.
      pending++;
      const { statusUrl } = JSON.parse(text) as { statusUrl: string };
      do {
        deadline.check(`waiting for ${step.name} on ${caseNumber}`);
        res = await fetch(`${baseUrl}${statusUrl}`, { headers: { Authorization: `Bearer ${tokens[step.who]}` } });
        text = await res.text();
      } while (res.status === 202);
    }
    const ms = performance.now() - t;
    if (res.status !== 200) throw new Error(`${step.name} on ${caseNumber} answered ${res.status}: ${text.slice(0, 300)}`);
    return ms;
  };
  const bare = async (target: WorkflowHandle, step: (typeof steps)[number]) => {
    const requestId = `bench-${randomUUID()}`;
    const t = performance.now();
    const answer = await target.executeUpdate(benchUpdate, { args: [{ requestId, body: String(step.body.body ?? '') }], updateId: requestId });
    const ms = performance.now() - t;
    if (answer.requestId !== requestId) throw new Error(`the bare Update answered for ${answer.requestId}, not ${requestId}`);
    return ms;
  };

  let actionsDone = 0;
  let pending = 0; // actions answered 202 first
  async function measure(mode: Lane[]) {
    const times = new Map<string, number[]>([BARE, FIRST_TAKE, ...steps.map((s) => s.name)].map((name) => [name, []]));
    let failed = false; // the first failure stops every lane, so none runs on into the teardown
    const runLane = async (lane: Lane) => {
      let turn = 0;
      for (let c = 0; c < lane.cycles; c++) {
        const k = c % lane.cases.length; // the lane's cases in turn
        for (const step of steps) {
          if (failed) return;
          deadline.check(`running ${step.name}`);
          const label = step.name === 'take' && c < lane.cases.length ? FIRST_TAKE : step.name;
          const ops: Array<[string, () => Promise<number>]> = [
            [label, () => act(lane.cases[k]!, step)],
            [BARE, () => bare(lane.targets[k]!, step)],
          ];
          if (turn++ % 2 === 1) ops.reverse(); // neither kind always runs right after the other
          for (const [name, op] of ops) {
            const ms = await op();
            if (c >= WARMUP) times.get(name)!.push(ms);
          }
          actionsDone++;
        }
      }
    };
    const load = os.loadavg()[0]!;
    const pendingBefore = pending;
    const t0 = performance.now();
    const settled = await Promise.allSettled(mode.map((lane) => runLane(lane).catch((err: unknown) => ((failed = true), Promise.reject(err)))));
    const failure = settled.find((r) => r.status === 'rejected');
    if (failure) throw failure.reason;
    return { times, seconds: (performance.now() - t0) / 1000, load: [load, os.loadavg()[0]!], pending: pending - pendingBefore };
  }

  const sequential = await measure(lanes(plan.sequential));
  progress(`one at a time: done in ${sequential.seconds.toFixed(1)} s`);
  const concurrent = await measure(lanes(plan.concurrent));
  progress(`${C} at a time: done in ${concurrent.seconds.toFixed(1)} s`);

  // Every action wrote its transition: no request answered 200 without its effect.
  const { n: written } = await db
    .selectFrom('case_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('actorType', 'in', ['staff', 'customer'])
    .where('version', '>', 1) // version 1: the submission
    .executeTakeFirstOrThrow();
  if (Number(written) !== actionsDone) throw new Error(`${actionsDone} actions answered 200, but ${written} transitions are in case_events`);

  // --- report ---
  const cpus = os.cpus();
  const { rows } = await sql<{ serverVersion: string }>`show server_version`.execute(db);
  const verdicts: string[] = [];
  const table = (title: string, r: Awaited<ReturnType<typeof measure>>) => {
    const stats = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99) };
    };
    const bareStats = stats(r.times.get(BARE)!);
    const ms = (v: number) => v.toFixed(1).padStart(9);
    const line = (name: string, s: ReturnType<typeof stats>, ratio = '') => `${name.padEnd(22)}${String(s.n).padStart(6)}${ms(s.p50)}${ms(s.p95)}${ms(s.p99)}${ratio}`;
    const over: string[] = [];
    const out = [
      `${title}: ${r.seconds.toFixed(1)} s, load average (1 min) ${r.load[0]!.toFixed(2)} before, ${r.load[1]!.toFixed(2)} after` +
        (r.pending > 0 ? `; ${r.pending} action(s) answered 202 first (over the API's 5 s), timed until done` : ''),
      `${'action'.padEnd(22)}${'n'.padStart(6)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'p99'.padStart(9)}${'p95 ÷ bare'.padStart(13)}  ≤ ${LIMIT} ×   (ms)`,
      line(`${BARE} (trivial)`, bareStats),
      ...[FIRST_TAKE, ...steps.map((step) => step.name)].map((name) => {
        const s = stats(r.times.get(name)!);
        if (s.n === 0) return line(name, s, '   (all in the warm-up)');
        const ratio = s.p95 / bareStats.p95;
        if (ratio > LIMIT) over.push(`${name} ${ratio.toFixed(2)} ×`);
        const few = s.n < 20 ? '   (few samples: p95 is about the maximum)' : '';
        return line(name, s, `${`${ratio.toFixed(2)} ×`.padStart(13)}  ${ratio <= LIMIT ? 'yes' : 'NO '}${few}`);
      }),
    ];
    verdicts.push(`${title}: ${over.length === 0 ? 'yes' : `no (${over.join(', ')})`}`);
    return out.join('\n');
  };
  console.log(`
Kundportal action benchmark, ${new Date().toISOString()}
machine   ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}
system    PostgreSQL ${rows[0]?.serverVersion}, Temporal dev server (in memory), API, case worker and bench worker processes, in-process SMTP catcher
load      ${SAMPLES} samples of each action per mode, each followed or preceded by a bare Update in the same lane; ` +
    `${caseCount} cases, at most ${CYCLES_PER_CASE} cycles each; warm-up ${WARMUP} cycle(s) per lane
action    POST /api/v1/staff/cases/{n}/actions/{action} → 200 (message: POST /api/v1/cases/{n}/messages as the customer)
bare      executeUpdate on a workflow whose handler answers at once (same payload codec), from this process

${table('one at a time', sequential)}

${table(`${C} at a time`, concurrent)}

every action's p95 ≤ ${LIMIT} × the bare Update's p95
  ${verdicts.join('\n  ')}
`);
}

await runBench(main, teardown);
