// tsx scripts/explain-sla-queues.ts: the back office's queues sorted by due time, and Försenade, at a
// million cases. Seeds a throwaway database like npm run bench:queues, gives the open cases due times
// (a quarter already past), and prints each query's plan (EXPLAIN ANALYZE) as the API runs it: the
// index it reads, and its time. Env: SLA_QUEUE_CASES (1000000).
import pg from 'pg';
import { loadConfig } from '../config/index.js';
import { createDb } from '../db/client.js';
import { migrateToLatest } from '../db/migrate.js';
import { createPersonalDataCipher } from '../db/personal-data.js';
import { type CaseListFilter, type CasePage, listCases, queueCounts } from '../db/queues.js';
import { envInt } from './bench-lib.js';
import { seedQueueCases } from './seed-queue-cases.js';
import { dropDatabase, freshDatabase } from './throwaway-databases.js';

const CASES = envInt('SLA_QUEUE_CASES', 1_000_000);

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

const config = loadConfig();
const url = await freshDatabase(config.DATABASE_URL, `kundportal_sla_queues_${process.pid}`);
const recorded: Array<{ sql: string; parameters: readonly unknown[] }> = [];
const db = createDb(url, { log: (e) => void (e.level === 'query' && recorded.push({ sql: e.query.sql, parameters: e.query.parameters })) });
try {
  await migrateToLatest(db);
  const started = Date.now();
  const cipher = createPersonalDataCipher({ encryptionKey: config.PNR_ENCRYPTION_KEY, hashKey: config.PNR_HASH_KEY });
  const { handlerIds } = await seedQueueCases(db, cipher, CASES);
  // As the workflows would have written them: open cases not waiting for the customer have a due
  // time from six hours ago to two days ahead (deterministic per id); the rest have none.
  const due = await new pg.Client({ connectionString: url });
  await due.connect();
  await due.query(`update cases set sla_due_at = now() + ((hashint8(id) & 2147483647) % 3240 - 360) * interval '1 minute'
                   where status in ('submitted', 'in_progress')`);
  await due.query('vacuum analyze cases');
  const counts = (await due.query(`select count(*) filter (where status <> 'closed') as open,
                                          count(*) filter (where sla_due_at < now() and status <> 'closed') as overdue from cases`)).rows[0];
  console.log(`${CASES.toLocaleString('sv-SE')} cases seeded in ${((Date.now() - started) / 1000).toFixed(0)} s: ${counts.open} open, ${counts.overdue} overdue\n`);

  const handler = handlerIds[0]!;
  const page = (o: Partial<CasePage> = {}): CasePage => ({ offset: 0, limit: 25, order: 'asc', sort: 'slaDueAt', ...o });
  const cases: Array<[string, CaseListFilter, CasePage]> = [
    ['open by due time, page 1', { queue: 'open' }, page()],
    ['open by due time, page 100', { queue: 'open' }, page({ offset: 99 * 25 })],
    ['open by due time, latest first', { queue: 'open' }, page({ order: 'desc' })],
    ['new by due time', { queue: 'new' }, page()],
    ['mine by due time', { queue: 'mine' }, page()],
    ['Försenade, page 1', { queue: 'overdue' }, page()],
    ['Försenade, page 100', { queue: 'overdue' }, page({ offset: 99 * 25 })],
    ['open + type by due time', { queue: 'open', type: 'fault_report' }, page()],
  ];
  const client = due;
  const explain = async (label: string, q: { sql: string; parameters: readonly unknown[] }) => {
    const [{ 'QUERY PLAN': [plan] }] = (await client.query(`explain (analyze, buffers, format json) ${q.sql}`, q.parameters as unknown[])).rows;
    const all = nodes(plan.Plan);
    const indexes = [...new Set(all.map((n) => n['Index Name']).filter(Boolean))].join(', ') || '–';
    const scans = [...new Set(all.map((n) => n['Node Type']).filter((t) => /Scan|Sort/.test(t)))].join(', ');
    console.log(`${label.padEnd(44)} ${plan['Execution Time'].toFixed(2).padStart(8)} ms  ${scans}  [${indexes}]`);
  };
  for (const [label, filter, p] of cases) {
    recorded.length = 0;
    await listCases(db, filter, handler, p);
    for (const [i, q] of recorded.entries()) await explain(i === 0 ? label : `  ${label} (${i + 1})`, q);
  }
  recorded.length = 0;
  await queueCounts(db, handler);
  await explain('queue counts (all seven, capped)', recorded[0]!);
  await client.end();
} finally {
  await db.destroy();
  await dropDatabase(url);
}
