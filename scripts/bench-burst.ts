// npm run bench:burst: the 09:00 burst. N held notifications (default 10,000) of cases at least 2,000
// recipients (default: N/5) submitted while the office is closed wait in the recipients' mailboxes
// and are released when the window opens. Prints the time until the last is sent, the highest SMTP
// rate over any 10 s (against the e-mail queue's cap), the p95 of a handler action (an internal
// note through the HTTP API) during the burst next to its p95 on the idle system afterwards, measured
// in the same run, duplicates (copies of one Message-ID, and cases in more than one e-mail), and the
// peak RSS of the case worker's and the e-mail worker's processes. The whole system as bench:actions
// runs it (scripts/bench-system.ts), with an SMTP server of its own that only counts.
// Flags (or env): --emails (BENCH_BURST_EMAILS, 10000), --recipients (BENCH_BURST_RECIPIENTS, N/5,
// at least 2000 by default), --rate (EMAIL_MAX_PER_SECOND, the configured default), --open-after
// (BENCH_BURST_OPEN_AFTER_S, 60 + 100 ms per e-mail: time to submit and hold them all),
// --timeout (BENCH_TIMEOUT_S, 1800). Example: npm run bench:burst -- --emails 2000 --recipients 400
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { sql } from 'kysely';
import { DEFAULT_EMAIL_MAX_PER_SECOND } from '../config/index.js';
import { insertSubmittedCase } from '../db/cases.js';
import { upsertCustomerAccount, upsertOrganisation, upsertStaff } from '../db/people.js';
import { createPersonalDataCipher } from '../db/personal-data.js';
import { createApiToken } from '../db/tokens.js';
import { caseSubmissionSchema } from '../domain/index.js';
import { startCaseWorkflow } from '../temporal/start-case.js';
import { Cleanups, Deadline, abortAfter, envInt, percentile, runBench, runPool, waitUntil } from './bench-lib.js';
import { startBenchSystem } from './bench-system.js';
import { windowFrom } from './opening-window.js';
import { ORGANISATIONSNUMMER, contact, personnummer, question } from './sample-cases.js';

const { values: flags } = parseArgs({
  options: { emails: { type: 'string' }, recipients: { type: 'string' }, rate: { type: 'string' }, 'open-after': { type: 'string' }, timeout: { type: 'string' } },
});
const N = envInt('BENCH_BURST_EMAILS', 10_000, flags.emails);
const RECIPIENTS = envInt('BENCH_BURST_RECIPIENTS', Math.max(1, Math.min(N, Math.max(2_000, Math.floor(N / 5)))), flags.recipients);
const RATE = envInt('EMAIL_MAX_PER_SECOND', DEFAULT_EMAIL_MAX_PER_SECOND, flags.rate);
const OPEN_AFTER_S = envInt('BENCH_BURST_OPEN_AFTER_S', Math.ceil(60 + N * 0.1), flags['open-after']);
const LIMIT_S = envInt('BENCH_TIMEOUT_S', 1_800, flags.timeout);
const ACTION_LANES = 2;
const IDLE_SAMPLES = 60;
const GOAL_S = 300;
const GOAL_RATIO = 3;

const deadline = new Deadline(Date.now() + LIMIT_S * 1000, `bench aborted after ${LIMIT_S} s (BENCH_TIMEOUT_S)`);
const progress = (line: string) => console.log(`· ${line}`);
const cleanups = new Cleanups();
const { teardown } = cleanups;
abortAfter(LIMIT_S, 'BENCH_TIMEOUT_S', teardown);

const stockholmTime = (at: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(at);

/** An SMTP relay that accepts everything and keeps, per message, when it arrived, its Message-ID and the case numbers in it. */
async function startCountingRelay() {
  const received: Array<{ at: number; messageId: string; cases: string[] }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        // Quoted-printable soft line breaks may split a case number.
        const raw = Buffer.concat(chunks).toString('latin1').replace(/=\r?\n/g, '');
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? `(none ${received.length})`;
        received.push({ at: Date.now(), messageId, cases: [...new Set(raw.match(/KP-\d{4}-\d{5,}/g) ?? [])] });
        cb();
      });
    },
  });
  server.on('error', () => {}); // a client's reset connection is the client's matter, as at a real relay
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { port, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The process's resident set now and at its peak (kB, from /proc; Linux). */
function memoryOf(pid: number | undefined): { rss: number; peak: number } {
  if (!pid) return { rss: Number.NaN, peak: Number.NaN };
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}
const mib = (kb: number) => `${(kb / 1024).toFixed(0)} MiB`;

async function main() {
  const relay = await startCountingRelay();
  cleanups.push(['counting SMTP relay', () => relay.close()]);
  const system = await startBenchSystem(cleanups, {
    databaseName: `kundportal_bench_burst_${process.pid}`,
    pool: 8,
    env: {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(relay.port),
      EMAIL_MAX_PER_SECOND: String(RATE),
      // The bench starts every workflow itself, with the calendar below: the reconciler must not first.
      RECONCILE_AFTER_MS: String(24 * 3600 * 1000),
    },
  });
  const { config, db, temporal, baseUrl, taskQueue, workerPid, emailWorkerPid } = system;

  // --- a window that opens once every case can be submitted and held ---
  const opensAt = new Date(Math.ceil((Date.now() + OPEN_AFTER_S * 1000) / 1000) * 1000);
  const calendar = windowFrom(opensAt, 3);
  const settings = { taskQueue, calendar };

  // --- people: one reporting account; recipients are the cases' contact addresses ---
  const cipher = createPersonalDataCipher({ encryptionKey: config.PNR_ENCRYPTION_KEY, hashKey: config.PNR_HASH_KEY });
  const organisationId = await upsertOrganisation(db, { organisationsnummer: ORGANISATIONSNUMMER, name: 'Region Exempel', verified: true });
  const reporterId = await upsertCustomerAccount(db, cipher, { organisationId, personnummer: personnummer('19850709', 980), name: 'Åsa Öberg', email: 'asa.oberg@exempel.se', canOrder: false });
  const handlerId = await upsertStaff(db, { name: 'Hanna Handläggare', email: 'hanna@kundportal.local', role: 'handler' });
  const staffToken = await createApiToken(db, { staffId: handlerId }, 'bench');
  const schema = caseSubmissionSchema({ pickupOffices: [] });
  const submit = async (submission: unknown) => {
    const row = await db.transaction().execute((trx) =>
      insertSubmittedCase(trx, { sealedSubmission: cipher.sealSubmission(schema.parse(submission)), reporterId, organisationId }),
    );
    await startCaseWorkflow(temporal, row, settings);
    return row.caseNumber;
  };

  // --- the handler's cases, whose customer wants no e-mail: their notes measure the actions ---
  const actionCases: string[] = [];
  for (let i = 0; i < ACTION_LANES * 4; i++) {
    actionCases.push(await submit({ ...question('handlaggning@exempel.se'), contact: contact('handlaggning@exempel.se', { notifyByEmail: false }) }));
  }

  // --- N cases over the recipients, each holding its receipt, submitted and started while closed ---
  const t0 = performance.now();
  await runPool(N, 16, async (i) => void (await submit(question(`kund${i % RECIPIENTS}@exempel.se`))), deadline);
  progress(`${N} cases submitted and their workflows started in ${((performance.now() - t0) / 1000).toFixed(0)} s; the office opens at ${stockholmTime(opensAt)} Stockholm time`);
  const count = async (status: 'pending' | 'sent') =>
    Number((await db.selectFrom('email_log').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', status).executeTakeFirstOrThrow()).n);
  await waitUntil(async () => (await count('pending')) >= N || Date.now() >= opensAt.getTime(), deadline, 'waiting for the e-mails to be held', 1_000);
  const heldAtOpening = await count('pending');
  const heldAfterS = (performance.now() - t0) / 1000;
  progress(`${heldAtOpening} of ${N} held in ${heldAfterS.toFixed(0)} s; waiting ${Math.max(0, (opensAt.getTime() - Date.now()) / 1000).toFixed(0)} s for the opening`);

  // --- one note, timed (202 answers followed to done, as bench:actions does) ---
  const note = async (caseNumber: string) => {
    const headers = { Authorization: `Bearer ${staffToken}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() };
    const t = performance.now();
    let res = await fetch(`${baseUrl}/api/v1/staff/cases/${caseNumber}/actions/note`, { method: 'POST', headers, body: JSON.stringify({ body: 'Ringde kunden.' }) });
    let text = await res.text();
    while (res.status === 202) {
      deadline.check(`waiting for a note on ${caseNumber}`);
      res = await fetch(`${baseUrl}${(JSON.parse(text) as { statusUrl: string }).statusUrl}`, { headers });
      text = await res.text();
    }
    if (res.status !== 200) throw new Error(`note on ${caseNumber} answered ${res.status}: ${text.slice(0, 300)}`);
    return performance.now() - t;
  };
  /** ACTION_LANES lanes of notes, each on its own cases in turn, until `done` (checked between notes). */
  const notesUntil = async (done: () => boolean) => {
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: ACTION_LANES }, async (_, lane) => {
        for (let k = 0; !done(); k++) times.push(await note(actionCases[lane * 4 + (k % 4)]!));
      }),
    );
    return times;
  };
  // Warm the action path before the burst, so neither measurement pays for a first request.
  for (const c of actionCases) await note(c);

  // --- the opening: the burst, with handler actions going on meanwhile ---
  await waitUntil(async () => Date.now() >= opensAt.getTime(), deadline, 'waiting for the opening', 100);
  const loadBefore = os.loadavg()[0]!;
  let peakRssDuringBurst = 0;
  let emailPeakRssDuringBurst = 0;
  const sampler = setInterval(() => {
    peakRssDuringBurst = Math.max(peakRssDuringBurst, memoryOf(workerPid).rss);
    emailPeakRssDuringBurst = Math.max(emailPeakRssDuringBurst, memoryOf(emailWorkerPid).rss);
  }, 500);
  const partsSent = () => new Set(relay.received.flatMap((m) => m.cases)).size;
  let burstOver = false;
  const [burstTimes] = await Promise.all([
    notesUntil(() => burstOver),
    (async () => {
      await waitUntil(async () => (await count('sent')) >= N && partsSent() >= N, deadline, 'waiting for the burst to be sent', 250);
      burstOver = true;
    })(),
  ]);
  clearInterval(sampler);
  const lastAt = Math.max(...relay.received.map((m) => m.at));
  const loadDuring = os.loadavg()[0]!;
  progress(`burst sent: ${relay.received.length} e-mails; ${burstTimes.length} notes during it`);

  // --- the same actions on the idle system (everything sent, nothing queued) ---
  await new Promise((r) => setTimeout(r, 5_000));
  let idleCount = 0;
  const idleTimes = await notesUntil(() => idleCount++ >= IDLE_SAMPLES);
  const memory = memoryOf(workerPid);
  const emailMemory = memoryOf(emailWorkerPid);

  // --- report ---
  const times = relay.received.map((m) => m.at).sort((a, b) => a - b);
  let most10s = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[j]! < times[i]! - 10_000 + 1) j++;
    most10s = Math.max(most10s, i - j + 1);
  }
  const copies = new Map<string, number>();
  for (const m of relay.received) copies.set(m.messageId, (copies.get(m.messageId) ?? 0) + 1);
  const duplicateCopies = [...copies.values()].reduce((n, c) => n + c - 1, 0);
  const inMessages = new Map<string, number>();
  for (const m of relay.received) for (const c of m.cases) inMessages.set(c, (inMessages.get(c) ?? 0) + 1);
  const casesTwice = [...inMessages.values()].filter((c) => c > 1).length;
  const p95 = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 95);
  const p50 = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
  const [burstP95, idleP95] = [p95(burstTimes), p95(idleTimes)];
  const untilLastS = (lastAt - opensAt.getTime()) / 1000;
  const { rows } = await sql<{ serverVersion: string }>`show server_version`.execute(db);
  const cpus = os.cpus();
  const verdict = (ok: boolean) => (ok ? 'yes' : 'NO');
  console.log(`
Kundportal 09:00 burst benchmark, ${new Date().toISOString()}
machine   ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}; load average (1 min) ${loadBefore.toFixed(2)} at the opening, ${loadDuring.toFixed(2)} at its end
system    PostgreSQL ${rows[0]?.serverVersion}, Temporal dev server (in memory), API, case worker and e-mail worker (nice 10) processes (e-mail queue capped at ${RATE}/s), a counting SMTP relay
load      ${N} held e-mails (receipts of ${N} cases) to ${RECIPIENTS} recipients, submitted while closed; ${heldAtOpening} held at the opening (all held after ${heldAfterS.toFixed(0)} s of setup)

sent              ${relay.received.length} digests covering ${partsSent()} cases (one e-mail per recipient: what their cases queued while closed)
until the last    ${untilLastS.toFixed(1)} s after the opening            ≤ ${GOAL_S} s: ${verdict(untilLastS <= GOAL_S)}
highest rate      ${(most10s / 10).toFixed(1)} e-mails/s over any 10 s (cap ${RATE}/s)   ≤ cap: ${verdict(most10s / 10 <= RATE)}
duplicates        ${duplicateCopies} extra copies of a Message-ID, ${casesTwice} cases in more than one e-mail   0: ${verdict(duplicateCopies + casesTwice === 0)}
handler action    note through the API, ${ACTION_LANES} lanes: during the burst p50 ${p50(burstTimes).toFixed(1)} ms, p95 ${burstP95.toFixed(1)} ms (n ${burstTimes.length}); idle p50 ${p50(idleTimes).toFixed(1)} ms, p95 ${idleP95.toFixed(1)} ms (n ${idleTimes.length})
                  burst p95 ÷ idle p95 = ${(burstP95 / idleP95).toFixed(2)} ×   ≤ ${GOAL_RATIO} ×: ${verdict(burstP95 / idleP95 <= GOAL_RATIO)}
worker RSS        peak ${mib(memory.peak)} over the run (VmHWM), ${mib(peakRssDuringBurst)} at most during the burst, ${mib(memory.rss)} at the end
e-mail worker RSS peak ${mib(emailMemory.peak)} over the run (VmHWM), ${mib(emailPeakRssDuringBurst)} at most during the burst, ${mib(emailMemory.rss)} at the end
`);
}

await runBench(main, teardown);
