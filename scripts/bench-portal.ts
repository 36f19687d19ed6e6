// npm run bench:portal: the server time of the customer's pages at a million cases: Mina sidor (own
// cases, and a local administrator's organisation view, first and later pages) and a case page, as the
// portal renders them: in process through the Hono app (app.request with a real session cookie of a
// real customer account), so SQL and rendering, not the network. Next to them the ceilings measured in
// the same run: a bare `select 1`, a static page, and a static page with the session (the lookups every
// customer page makes). A sibling of bench:queues rather than part of it: the same seed, but another
// audience and another transport, and each stays short enough to run on its own.
// Seeds a throwaway database, measures, prints a table and the plans, drops it.
// Env: BENCH_PORTAL_CASES (1000000), BENCH_PORTAL_RUNS (200), BENCH_PORTAL_WARMUP (20), BENCH_TIMEOUT_S (1800).
import os from 'node:os';
import { Client } from '@temporalio/client';
import { sql } from 'kysely';
import { createApp } from '../api/app.js';
import { SESSION_COOKIE } from '../api/auth.js';
import { loadConfig } from '../config/index.js';
import type { Db } from '../db/client.js';
import { encodeCursor } from '../db/paging.js';
import { type PersonalDataCipher, createPersonalDataCipher } from '../db/personal-data.js';
import { createSession } from '../db/sessions.js';
import type { CaseStatus } from '../domain/index.js';
import { notificationText } from '../domain/notification-texts.js';
import { PAGE_SIZE } from '../portal/guards.js';
import { Cleanups, envInt, runBench, type Summary } from './bench-lib.js';
import { explainQueries, recordingBenchDatabase, timeInRounds } from './bench-requests.js';
import { personnummer } from './sample-cases.js';
import { seedQueueCases } from './seed-queue-cases.js';

const CASES = envInt('BENCH_PORTAL_CASES', 1_000_000);
const RUNS = envInt('BENCH_PORTAL_RUNS', 200);
const WARMUP = envInt('BENCH_PORTAL_WARMUP', 20);
const LIMIT_S = envInt('BENCH_TIMEOUT_S', 1800);
/** The issue's bound for a page's server time. */
const P95_LIMIT_MS = 50;
/** The local administrator's organisation holds about this share of all cases (5,000 of a million)... */
const ORGANISATION_SHARE = 0.005;
/** ...and one case in ten of it is their own (about 500). */
const OWN_SHARE_OF_ORGANISATION = 10;

const cleanups = new Cleanups();
const { teardown } = cleanups;
// Should anything hang: tear down (the database goes) within 20 s and exit 1.
setTimeout(() => {
  console.error(`bench aborted: still running after ${LIMIT_S} s (BENCH_TIMEOUT_S)`);
  void Promise.race([teardown(), new Promise((r) => setTimeout(r, 20_000))]).finally(() => process.exit(1));
}, LIMIT_S * 1000).unref();

const progress = (line: string) => console.log(`· ${line}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const count = (n: number) => n.toLocaleString('sv-SE');

/** One 'received' notification per case, as submitting writes it; the open cases' every fourth unread. */
async function seedNotifications(db: Db) {
  const mark = '\uE000';
  const { title, body } = notificationText(mark, { kind: 'received' });
  await sql`
    insert into notifications (dedupe_key, customer_account_id, case_id, kind, title, body, read_at, created_at)
    select case_number || ':1:received', reporter_id, id, 'received', replace(${title}, ${mark}, case_number), ${body},
           case when status <> 'closed' and id % 4 = 0 then null else created_at + interval '1 day' end, created_at
    from cases`.execute(db);
}

/**
 * A local administrator with the bench's own account in an organisation of about CASES × 0.005 cases,
 * every tenth of which is made theirs (the submit events follow). Returns the account and organisation.
 */
async function localAdministrator(db: Db, cipher: PersonalDataCipher) {
  const target = Math.round(CASES * ORGANISATION_SHARE);
  const organisation = await db
    .selectFrom('cases')
    .select(['organisationId', (eb) => eb.fn.countAll<string>().as('n')])
    // Cases sent through "Kontakta oss" without an account have no organisation.
    .where('organisationId', 'is not', null)
    .$narrowType<{ organisationId: number }>()
    .groupBy('organisationId')
    .orderBy(sql`abs(count(*) - ${target})`)
    .orderBy('organisationId')
    .executeTakeFirstOrThrow();
  const pnr = personnummer('19791231', 123);
  const account = await db
    .insertInto('customer_accounts')
    .values({
      organisationId: organisation.organisationId,
      personnummerEnc: cipher.seal(pnr),
      personnummerHash: cipher.hash(pnr),
      name: 'Åsa Öberg',
      email: 'asa.oberg@exempel.se',
      canOrder: true,
      isLocalAdmin: true,
    })
    .returning(['id', 'name', 'personnummerEnc', 'personnummerHash'])
    .executeTakeFirstOrThrow();
  await sql`update cases set reporter_id = ${account.id} where organisation_id = ${organisation.organisationId} and id % ${OWN_SHARE_OF_ORGANISATION} = 0`.execute(db);
  await sql`update case_events e set actor_id = ${account.id} from cases c where c.id = e.case_id and c.reporter_id = ${account.id} and e.action = 'submit'`.execute(db);
  await sql`update notifications n set customer_account_id = ${account.id} from cases c where c.id = n.case_id and c.reporter_id = ${account.id}`.execute(db);
  return { account, organisationId: organisation.organisationId };
}

/** An existing account of the largest organisation, made its local administrator. */
async function largestOrganisationsAdministrator(db: Db) {
  const largest = await db
    .selectFrom('cases')
    .select(['organisationId', (eb) => eb.fn.countAll<string>().as('n')])
    // Cases sent through "Kontakta oss" without an account have no organisation.
    .where('organisationId', 'is not', null)
    .$narrowType<{ organisationId: number }>()
    .groupBy('organisationId')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('organisationId')
    .executeTakeFirstOrThrow();
  const account = await db
    .updateTable('customer_accounts')
    .set({ isLocalAdmin: true })
    .where('id', '=', (eb) => eb.selectFrom('customer_accounts').select((e) => e.fn.min('id').as('id')).where('organisationId', '=', largest.organisationId))
    .returning(['id', 'name', 'personnummerEnc', 'personnummerHash'])
    .executeTakeFirstOrThrow();
  return { account, organisationId: largest.organisationId };
}

/**
 * The account's newest open SITHS order, given a handler's whole round: taken, answered, the customer's
 * message, an internal note (not shown), a second answer and a request for more, each visible step
 * with its unread notification, as the workflow's activities write them.
 */
async function caseWithTimeline(db: Db, accountId: number, staffId: number) {
  const row = await db
    .selectFrom('cases')
    .select(['id', 'caseNumber', 'createdAt'])
    .where('reporterId', '=', accountId)
    .where('status', '<>', 'closed')
    .orderBy(sql`type = 'siths_order'`, 'desc')
    .orderBy('createdAt', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const at = (hours: number) => new Date(row.createdAt.getTime() + hours * 3_600_000);
  const steps = [
    { action: 'take', actor: 'staff', to: 'in_progress', message: undefined },
    { action: 'reply', actor: 'staff', to: 'in_progress', message: 'Hej! Vi har tagit emot beställningen och kontrollerar uppgifterna för de tre korten.' },
    { action: 'customer_message', actor: 'customer', to: 'in_progress', message: 'Tack. Ett av korten ska hämtas på kortkontoret i Göteborg i stället, går det bra?' },
    { action: 'note', actor: 'staff', to: 'in_progress', message: 'Kontrollera behörigheten hos beställaren innan utlämningsstället ändras.' },
    { action: 'reply', actor: 'staff', to: 'in_progress', message: 'Det går bra, vi har ändrat utlämningsstället för det kortet.' },
    { action: 'request_info', actor: 'staff', to: 'awaiting_customer', message: 'Vi behöver e-postadressen till den som ska hämta kortet i Göteborg.' },
  ] as const;
  let from: CaseStatus = 'submitted';
  await db
    .insertInto('case_events')
    .values(
      steps.map((s, i) => {
        const event = {
          caseId: row.id,
          version: i + 2,
          action: s.action,
          actorType: s.actor,
          actorId: s.actor === 'customer' ? accountId : staffId,
          fromStatus: from,
          toStatus: s.to,
          createdAt: at(i + 1),
        };
        from = s.to;
        return event;
      }),
    )
    .execute();
  await db
    .insertInto('case_messages')
    .values(
      steps.flatMap((s, i) =>
        s.message
          ? [{ caseId: row.id, version: i + 2, authorType: s.actor, authorId: s.actor === 'customer' ? accountId : staffId, visibility: s.action === 'note' ? 'internal' : 'public', body: s.message, createdAt: at(i + 1) }]
          : [],
      ),
    )
    .execute();
  const bell = (version: number, kind: 'status' | 'message' | 'info_request') => ({
    dedupeKey: `${row.caseNumber}:${version}:${kind}`,
    customerAccountId: accountId,
    caseId: row.id,
    kind,
    ...notificationText(row.caseNumber, { kind, from: 'submitted', to: 'in_progress' }),
    createdAt: at(version - 1),
  });
  await db.insertInto('notifications').values([bell(2, 'status'), bell(3, 'message'), bell(6, 'message'), bell(7, 'info_request')]).execute();
  await db
    .updateTable('cases')
    .set({ status: 'awaiting_customer', assigneeId: staffId, version: steps.length + 1, updatedAt: at(steps.length), closedAt: null })
    .where('id', '=', row.id)
    .execute();
  return { caseNumber: row.caseNumber, events: steps.length + 1 };
}

async function main() {
  const config = loadConfig();
  const cipher = createPersonalDataCipher({ encryptionKey: config.PNR_ENCRYPTION_KEY, hashKey: config.PNR_HASH_KEY });

  const { db, recorder } = await recordingBenchDatabase(config.DATABASE_URL, 'kundportal_bench_portal', cleanups);

  // --- seed: bench:queues' million cases, their notifications, and the customers who look at them ---
  progress(`seeding ${count(CASES)} cases and their notifications (every index in place, as in production)`);
  let t = performance.now();
  const seeded = await seedQueueCases(db, cipher, CASES);
  await seedNotifications(db);
  const admin = await localAdministrator(db, cipher);
  const bigAdmin = await largestOrganisationsAdministrator(db);
  const detail = await caseWithTimeline(db, admin.account.id, seeded.handlerIds[0]!);
  const seedMs = performance.now() - t;
  t = performance.now();
  // Autovacuum would do this on its own in time; index-only scans need the visibility map it sets.
  await sql`vacuum analyze`.execute(db);
  const vacuumMs = performance.now() - t;
  progress(`seeded in ${seconds(seedMs)}, vacuum analyze ${seconds(vacuumMs)}`);

  const casesOf = async (where: { reporterId: number } | { organisationId: number }) => {
    const { rows } = await sql<{ status: string; n: string }>`
      select case when status = 'closed' then 'closed' else 'ongoing' end as status, count(*) as n from cases
      where ${'reporterId' in where ? sql`reporter_id = ${where.reporterId}` : sql`organisation_id = ${where.organisationId}`}
      group by 1`.execute(db);
    const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
    return { ongoing: n('ongoing'), closed: n('closed'), all: n('ongoing') + n('closed') };
  };
  const own = await casesOf({ reporterId: admin.account.id });
  const organisation = await casesOf({ organisationId: admin.organisationId });
  const largest = await casesOf({ organisationId: bigAdmin.organisationId });
  const { rows: unreadRows } = await sql<{ n: string }>`select count(*) as n from notifications where customer_account_id = ${admin.account.id} and read_at is null`.execute(db);
  const unread = Number(unreadRows[0]?.n ?? 0);

  // --- the app, as `npm start` builds it; pages never reach Temporal (a lazy client that never connects) ---
  const app = createApp({
    db,
    temporal: new Client(),
    cipher,
    workflow: { taskQueue: 'bench-portal-unused', calendar: config.businessCalendar },
    pickupOffices: config.pickupOffices,
    auth: config.auth,
    rateLimits: config.rateLimits,
    temporalUi: { url: config.TEMPORAL_UI_URL, namespace: config.TEMPORAL_NAMESPACE },
  });
  // Real sessions, as the login callback makes them: only the cookie's hash is stored.
  const sessionOf = async (a: typeof admin.account) =>
    (
      await createSession(db, {
        kind: 'customer',
        customerAccountId: a.id,
        personnummerEnc: a.personnummerEnc!,
        personnummerHash: a.personnummerHash!,
        name: a.name,
        authMethod: 'bankid',
        ttlSeconds: config.auth.sessionTtlSeconds,
        idleSeconds: config.auth.sessionIdleSeconds,
      })
    ).cookie;
  const cookies = { admin: await sessionOf(admin.account), bigAdmin: await sessionOf(bigAdmin.account) };

  /** The cursor Mina sidor hands out for page `n` of a list: the key of the last row of page n - 1. */
  const cursorToPage = async (where: { reporterId: number } | { organisationId: number }, state: 'ongoing' | 'closed', n: number) => {
    const { rows } = await sql<{ createdAt: Date; id: string }>`
      select created_at, id from cases
      where ${'reporterId' in where ? sql`reporter_id = ${where.reporterId}` : sql`organisation_id = ${where.organisationId}`}
        and ${state === 'closed' ? sql`status = 'closed'` : sql`status <> 'closed'`}
      order by created_at desc, id desc offset ${(n - 1) * PAGE_SIZE - 1} limit 1`.execute(db);
    const row = rows[0];
    if (!row) throw new Error(`no page ${n} of ${state} cases for ${JSON.stringify(where)}`);
    return encodeCursor({ createdAt: row.createdAt, id: Number(row.id) });
  };
  // Page `wanted`, or the last when there are fewer (a small BENCH_PORTAL_CASES); page 1 needs no cursor.
  const pageOf = (pages: number, wanted: number) => Math.max(1, Math.min(wanted, pages));
  const pages = (n: number) => Math.ceil(n / PAGE_SIZE);
  const ownLater = { ongoing: pageOf(pages(own.ongoing), 3), closed: pageOf(pages(own.closed), 10) };
  const orgLater = { ongoing: pageOf(pages(organisation.ongoing), 10), closed: pageOf(pages(organisation.closed), 100) };
  const bigLater = { ongoing: pageOf(pages(largest.ongoing), 100), closed: pageOf(pages(largest.closed), 1000) };
  const later = async (where: { reporterId: number } | { organisationId: number }, p: { ongoing: number; closed: number }) => {
    const params = new URLSearchParams();
    if (p.ongoing > 1) params.set('pagaende', await cursorToPage(where, 'ongoing', p.ongoing));
    if (p.closed > 1) params.set('avslutade', await cursorToPage(where, 'closed', p.closed));
    return params.toString();
  };

  const requests: Array<{ label: string; path: string; cookie?: string; expect: string }> = [
    { label: 'Mina sidor, own cases, page 1', path: '/mina-sidor', cookie: cookies.admin, expect: 'Pågående ärenden' },
    {
      label: `Mina sidor, own, pages ${ownLater.ongoing} + ${ownLater.closed}`,
      path: `/mina-sidor?${await later({ reporterId: admin.account.id }, ownLater)}`,
      cookie: cookies.admin,
      expect: 'Avslutade ärenden',
    },
    { label: 'Mina sidor, organisation, page 1', path: '/mina-sidor?visa=organisation', cookie: cookies.admin, expect: 'Inskickat av' },
    {
      label: `Mina sidor, organisation, pages ${orgLater.ongoing} + ${orgLater.closed}`,
      path: `/mina-sidor?visa=organisation&${await later({ organisationId: admin.organisationId }, orgLater)}`,
      cookie: cookies.admin,
      expect: 'Inskickat av',
    },
    { label: 'Mina sidor, largest org., page 1', path: '/mina-sidor?visa=organisation', cookie: cookies.bigAdmin, expect: 'Inskickat av' },
    {
      label: `Mina sidor, largest org., pages ${bigLater.ongoing} + ${bigLater.closed}`,
      path: `/mina-sidor?visa=organisation&${await later({ organisationId: bigAdmin.organisationId }, bigLater)}`,
      cookie: cookies.bigAdmin,
      expect: 'Inskickat av',
    },
    { label: `case page, ${detail.events} events`, path: `/mina-sidor/arenden/${detail.caseNumber}`, cookie: cookies.admin, expect: 'Vi behöver e-postadressen' },
  ];
  const ceilings: typeof requests = [
    { label: 'ceiling: static page, no session', path: '/tillganglighetsredogorelse', expect: 'Tillgänglighet' },
    { label: 'ceiling: static page with session', path: '/tillganglighetsredogorelse', cookie: cookies.admin, expect: 'Logga ut' },
  ];

  const get = async (r: (typeof requests)[number]) => {
    const res = await app.request(r.path, { headers: { Accept: 'text/html', ...(r.cookie ? { Cookie: `${SESSION_COOKIE}=${r.cookie}` } : {}) } });
    const body = await res.text();
    if (res.status !== 200 || !body.includes(r.expect)) throw new Error(`GET ${r.path} answered ${res.status} without "${r.expect}": ${body.slice(0, 300)}`);
    return body;
  };

  progress(`measuring ${requests.length + ceilings.length} pages and select 1 in ${RUNS} rounds (after ${WARMUP} warm-up rounds), one request at a time`);
  // Others' work on the machine shows in every row, ceilings included; the load says how busy it was.
  const loadBefore = os.loadavg()[0]!;
  const measured = [...requests, ...ceilings];
  const summaries = await timeInRounds([...measured.map((r) => () => get(r)), () => sql`select 1`.execute(db)], WARMUP, RUNS);
  const results: Array<{ label: string; s: Summary; cpu: Summary; note: string }> = [];
  for (const [i, r] of measured.entries()) {
    results.push({ label: r.label, s: summaries[i]!.wall, cpu: summaries[i]!.cpu, note: `${count(Math.round((await get(r)).length / 1024))} KiB` });
  }
  const select1 = summaries.at(-1)!;
  // The pages' SQL as Postgres runs it (EXPLAIN below) plus this CPU is what an idle machine would take.
  const loadAfter = os.loadavg()[0]!;

  // --- the plans: every page once more, its SQL recorded and explained on the same data ---
  const plans: Array<{ label: string; scans: string[]; ms: number; perQuery: number[] }> = [];
  for (const r of requests) plans.push({ label: r.label, ...(await explainQueries(db, await recorder.record(() => get(r)))) });

  // --- report ---
  const cpus = os.cpus();
  const { rows: version } = await sql<{ serverVersion: string }>`show server_version`.execute(db);
  const { rows: settings } = await sql<{ sharedBuffers: string }>`select current_setting('shared_buffers') as shared_buffers`.execute(db);
  const { rows: size } = await sql<{ cases: string; notifications: string }>`
    select pg_size_pretty(pg_total_relation_size('cases')) as cases, pg_size_pretty(pg_total_relation_size('notifications')) as notifications`.execute(db);
  const ms = (v: number) => v.toFixed(1).padStart(8);
  const row = (label: string, s: Summary, cpu: Summary, note = '') =>
    `${label.padEnd(44)}${String(s.count).padStart(4)}${[s.p50, s.p95, s.p99, s.max].map(ms).join('')}  ${ms(cpu.p50)}${ms(cpu.p95)}${note ? `  ${note}` : ''}`;
  const shape = (c: { ongoing: number; closed: number; all: number }) => `${count(c.all)} cases (${count(c.ongoing)} ongoing, ${count(c.closed)} closed)`;
  console.log(`
Kundportal customer pages benchmark, ${new Date().toISOString()}
machine   ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}
database  PostgreSQL ${version[0]?.serverVersion}, shared_buffers ${settings[0]?.sharedBuffers}; cases ${size[0]?.cases}, notifications ${size[0]?.notifications} (with indexes)
data      ${count(CASES)} cases over 3 years in ${seeded.organisationIds.length} organisations (bench:queues' seed), one notification per case
customer  a local administrator with ${shape(own)} of their own and ${unread} unread notifications;
          their organisation ${shape(organisation)}; the largest organisation ${shape(largest)}
seeding   ${seconds(seedMs)}, vacuum analyze ${seconds(vacuumMs)}
load      1-minute load average ${loadBefore.toFixed(1)} before measuring, ${loadAfter.toFixed(1)} after (${cpus.length} cores)
requests  GET through the Hono app in process (app.request, session cookie), one at a time; ${WARMUP} warm-up rounds, then ${RUNS} rounds
          of every row once, in turn (a burst of other work falls on every row alike); ${PAGE_SIZE} rows a list;
          "pages a + b": Pågående ärenden on page a and Avslutade ärenden on page b, both by cursor

${''.padEnd(48)}${'server time (ms)'.padStart(30)}  ${'Node CPU (ms)'.padStart(16)}
${''.padEnd(44)}${'n'.padStart(4)}${['p50', 'p95', 'p99', 'max'].map((h) => h.padStart(8)).join('')}  ${'p50'.padStart(8)}${'p95'.padStart(8)}  page size
${results.map((r) => row(r.label, r.s, r.cpu, r.note)).join('\n')}
${row('ceiling: select 1 through Kysely', select1.wall, select1.cpu)}

Plans (EXPLAIN ANALYZE of each page's SQL: statements, their summed execution time, indexes used; "(only)" = index-only scan):
${plans.map((p) => `  ${p.label.padEnd(44)}${String(p.perQuery.length).padStart(3)} ${p.ms.toFixed(1).padStart(7)} ms  ${p.scans.join(', ') || '—'}`).join('\n')}
`);
  const seqScans = plans.filter((p) => p.scans.some((s) => s.startsWith('SEQ SCAN')));
  if (seqScans.length > 0) throw new Error(`sequential scans of a large table in: ${seqScans.map((p) => p.label).join('; ')}`);
  const slow = results.filter((r, i) => i < requests.length && r.s.p95 > P95_LIMIT_MS);
  if (slow.length > 0) throw new Error(`p95 over ${P95_LIMIT_MS} ms: ${slow.map((r) => `${r.label} (${r.s.p95.toFixed(1)} ms)`).join('; ')}`);
}

await runBench(main, teardown);
