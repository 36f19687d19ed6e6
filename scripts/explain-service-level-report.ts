// tsx scripts/explain-service-level-report.ts: the service-level report at a million cases. Seeds a
// throwaway database like npm run bench:queues, gives every case clocks as its workflow would have
// written them (one insert into case_service_levels, so the report's trigger fills
// service_level_report_rows as in production), and prints each of the report's queries' plans
// (EXPLAIN ANALYZE) as the service runs them, then the whole report's time as the API computes it.
// Env: SLA_REPORT_CASES (1000000).
import pg from 'pg';
import { loadConfig } from '../config/index.js';
import { createDb } from '../db/client.js';
import { migrateToLatest } from '../db/migrate.js';
import { createPersonalDataCipher } from '../db/personal-data.js';
import { type ReportPeriod, lastTwelveMonths, serviceLevelReport, shiftMonth } from '../services/service-level-report.js';
import { envInt } from './bench-lib.js';
import { seedQueueCases } from './seed-queue-cases.js';
import { dropDatabase, freshDatabase } from './throwaway-databases.js';

const CASES = envInt('SLA_REPORT_CASES', 1_000_000);

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

const config = loadConfig();
const url = await freshDatabase(config.DATABASE_URL, `kundportal_sla_report_${process.pid}`);
const recorded: Array<{ sql: string; parameters: readonly unknown[] }> = [];
const db = createDb(url, { log: (e) => void (e.level === 'query' && recorded.push({ sql: e.query.sql, parameters: e.query.parameters })) });
const client = new pg.Client({ connectionString: url });
try {
  await migrateToLatest(db);
  await client.connect();
  let started = Date.now();
  const cipher = createPersonalDataCipher({ encryptionKey: config.PNR_ENCRYPTION_KEY, hashKey: config.PNR_HASH_KEY });
  await seedQueueCases(db, cipher, CASES);
  console.log(`${CASES.toLocaleString('sv-SE')} cases seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  // Clocks as the workflows would have written them (deterministic per id): every case but a new one
  // has had its first answer, within about two business days; a closed case's resolution took up to
  // about three times the target. Both around the defaults of domain/service-levels.ts.
  started = Date.now();
  const u = (k: number) => `((hashint8(c.id * 7 + ${k}) & 2147483647)::float8 / 2147483648)`;
  await client.query(`
    insert into case_service_levels (case_id, seq, target_revision, targets,
           first_response_elapsed_minutes, first_response_running_since, first_response_stopped_at, first_response_due_at,
           resolution_elapsed_minutes, resolution_running_since, resolution_stopped_at, resolution_due_at)
    select c.id, 3, t.id,
           jsonb_build_object('revision', t.id, 'firstResponseMinutes', t.first_response_minutes, 'resolutionMinutes', t.resolution_minutes,
                              'reminderAfterDays', t.reminder_after_days, 'autoCloseAfterDays', t.auto_close_after_days),
           case when c.status = 'submitted' then 0 else round((power(${u(1)}, 2) * 2 * t.first_response_minutes)::numeric, 1)::float8 end,
           case when c.status = 'submitted' then c.created_at end,
           case when c.status <> 'submitted' then c.created_at + (${u(2)} * 3) * interval '1 day' end,
           case when c.status = 'submitted' then c.created_at + interval '1 day' end,
           case when c.status = 'closed' then round((${u(3)} * 3 * t.resolution_minutes)::numeric, 1)::float8 else ${u(3)} * t.resolution_minutes end,
           case when c.status in ('submitted', 'in_progress') then c.created_at end,
           case when c.status = 'closed' then c.closed_at end,
           case when c.status in ('submitted', 'in_progress') then c.created_at + interval '5 days' end
      from cases c
      join service_level_targets t on t.id = (select max(id) from service_level_targets where case_type = c.type)`);
  await client.query('vacuum analyze service_level_report_rows');
  const { rows: [sizes] } = await client.query(`select count(*) as n, count(first_response_month) as fr, count(resolution_month) as res,
                                                        pg_size_pretty(pg_total_relation_size('service_level_report_rows')) as size
                                                   from service_level_report_rows`);
  console.log(`clocks written for every case in ${((Date.now() - started) / 1000).toFixed(0)} s (the trigger kept ${sizes.n} report rows, ${sizes.size}): ${sizes.fr} first responses, ${sizes.res} resolutions\n`);

  const explain = async (label: string, q: { sql: string; parameters: readonly unknown[] }) => {
    const [{ 'QUERY PLAN': [plan] }] = (await client.query(`explain (analyze, buffers, format json) ${q.sql}`, q.parameters as unknown[])).rows;
    const all = nodes(plan.Plan);
    const indexes = [...new Set(all.map((n) => n['Index Name']).filter(Boolean))].join(', ') || '–';
    const scans = [...new Set(all.map((n) => n['Node Type']).filter((t) => /Scan|Sort|Aggregate/.test(t)))].join(', ');
    console.log(`${label.padEnd(40)} ${plan['Execution Time'].toFixed(1).padStart(8)} ms  ${scans}  [${indexes}]`);
  };
  const year = lastTwelveMonths();
  const periods: Array<[string, ReportPeriod]> = [
    ['12 months, every type', year],
    ['12 months, fault reports', { ...year, caseType: 'fault_report' }],
    ['36 months, every type', { from: shiftMonth(year.to, -35), to: year.to }],
    ['1 month, every type', { from: year.to, to: year.to }],
  ];
  // The three run at once: name each by the month it groups by.
  const nameOf = (sql: string) => (sql.includes('received_month') ? 'received' : sql.includes('first_response_month') ? 'first response' : 'resolution');
  for (const [label, period] of periods) {
    recorded.length = 0;
    const t0 = performance.now();
    const rows = await serviceLevelReport({ db }, period);
    const ms = performance.now() - t0;
    console.log(`${label}: whole report ${ms.toFixed(0)} ms as the API runs it (3 queries at once), ${rows.length} rows`);
    for (const q of recorded) await explain(`  ${nameOf(q.sql)}`, q);
  }
} finally {
  await client.end();
  await db.destroy();
  await dropDatabase(url);
}
