// Requests one at a time, for the benchmarks at a million cases (bench:queues, bench:portal): their
// latency, and what Postgres does for them: a request's SQL is recorded through Kysely's log hook, then
// each statement is explained (EXPLAIN ANALYZE) on the same data, naming the indexes it used and any
// full read of a large table.
import { CompiledQuery, type LogEvent, sql } from 'kysely';
import { createDb, type Db } from '../db/client.js';
import { migrateToLatest } from '../db/migrate.js';
import { type Cleanups, type Summary, summarize } from './bench-lib.js';
import { dropDatabase, freshDatabase } from './throwaway-databases.js';

/** Times `run` one call at a time: `warmup` untimed calls, then `runs` timed ones. */
export async function timeSerially(run: () => Promise<unknown>, warmup: number, runs: number): Promise<Summary> {
  for (let i = 0; i < warmup; i++) await run();
  const latencies: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    latencies.push(performance.now() - started);
  }
  return summarize(latencies, performance.now() - t0);
}

/**
 * Times several calls in rounds: each round makes every call once, in turn, so a burst of other work on
 * a shared machine falls on every call alike and the ceilings stay comparable with what they bound.
 * Beside the wall time, this process's CPU time per call (user + system): waiting for a busy machine's
 * cores inflates the first far more than the second.
 */
export async function timeInRounds(runs: ReadonlyArray<() => Promise<unknown>>, warmup: number, rounds: number) {
  for (let i = 0; i < warmup; i++) for (const run of runs) await run();
  const wall = runs.map((): number[] => []);
  const cpu = runs.map((): number[] => []);
  for (let i = 0; i < rounds; i++) {
    for (const [j, run] of runs.entries()) {
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      await run();
      const used = process.cpuUsage(cpuBefore);
      wall[j]!.push(performance.now() - started);
      cpu[j]!.push((used.user + used.system) / 1000);
    }
  }
  const sum = (l: number[]) => l.reduce((a, b) => a + b, 0);
  return runs.map((_, j) => ({ wall: summarize(wall[j]!, sum(wall[j]!)), cpu: summarize(cpu[j]!, sum(wall[j]!)) }));
}

export interface RecordedQuery {
  sql: string;
  parameters: readonly unknown[];
}

/** Pass `log` to createDb; `record(run)` returns the statements `run` sent. */
export function queryRecorder() {
  let recording: RecordedQuery[] | undefined;
  return {
    log: (event: LogEvent) => {
      if (recording && event.level === 'query') recording.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
    async record(run: () => Promise<unknown>): Promise<RecordedQuery[]> {
      recording = [];
      try {
        await run();
        return recording;
      } finally {
        recording = undefined;
      }
    },
  };
}

/**
 * A migrated throwaway database whose Kysely records the SQL of one request for EXPLAIN, as the app
 * under test uses it; `cleanups` closes the pool and drops the database.
 */
export async function recordingBenchDatabase(baseUrl: string, name: string, cleanups: Cleanups) {
  const databaseUrl = await freshDatabase(baseUrl, `${name}_${process.pid}`);
  cleanups.push(['bench database', () => dropDatabase(databaseUrl)]);
  const recorder = queryRecorder();
  const db = createDb(databaseUrl, { log: recorder.log });
  cleanups.push(['pg pool', () => db.destroy()]);
  await migrateToLatest(db);
  return { db, recorder };
}

/** Reading a table of a few hundred rows whole (organisations, staff) is what Postgres should do. */
const LARGE_TABLE = 10_000;

class RolledBack extends Error {}

/**
 * Explains the statements in one transaction that is rolled back, so explaining a write (the case page
 * marks its notifications read) changes nothing. Index names carry "(only)" for an index-only scan;
 * a sequential scan of a table over LARGE_TABLE rows is listed as "SEQ SCAN table".
 */
export async function explainQueries(db: Db, queries: readonly RecordedQuery[]) {
  const { rows: tables } = await sql<{ name: string; rows: number }>`
    select relname as name, reltuples::float8 as rows from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace`.execute(db);
  const rowsOf = new Map(tables.map((t) => [t.name, t.rows]));
  const scans = new Set<string>();
  const perQuery: number[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      for (const query of queries) {
        const { rows } = await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain (analyze, buffers) ${query.sql}`, [...query.parameters]));
        for (const { 'QUERY PLAN': line } of rows) {
          const index = /(Index Only Scan|Index Scan)(?: Backward)? using (\S+)|Bitmap Index Scan on (\S+)/.exec(line);
          if (index) scans.add(index[2] ? `${index[2]}${index[1] === 'Index Only Scan' ? ' (only)' : ''}` : index[3]!);
          const seq = /Seq Scan on (\S+)/.exec(line);
          if (seq && (rowsOf.get(seq[1]!) ?? 0) > LARGE_TABLE) scans.add(`SEQ SCAN ${seq[1]}`);
          const exec = /Execution Time: ([\d.]+) ms/.exec(line);
          if (exec) perQuery.push(Number(exec[1]));
        }
      }
      throw new RolledBack();
    });
  } catch (err) {
    if (!(err instanceof RolledBack)) throw err;
  }
  return { scans: [...scans], ms: perQuery.reduce((a, b) => a + b, 0), perQuery };
}
