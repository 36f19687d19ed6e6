// One-statement submission on a database of its own: numbers stay gapless, unique and in commit
// order per year under concurrency, with idempotency-key replays, key conflicts and failed
// submissions mixed in, and exactly one case per key.
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseSubmission } from '../domain/index.js';
import { notificationText } from '../domain/notification-texts.js';
import { question } from '../scripts/sample-cases.js';
import { throwawayDatabase } from '../tests/helpers/test-database.js';
import { type CaseRow, type NewCase, caseYear, formatCaseNumber, insertSubmittedCase, submitInOneStatement } from './cases.js';
import { type SubmitResult, submitCaseOnce } from './submissions.js';

const CALLERS = 20;
const database = throwawayDatabase('submissions', { max: CALLERS + 2 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let organisationId: number;
let reporterId: number;
const MISSING_REPORTER = 987_654_321;

beforeAll(async () => {
  const db = database();
  const org = await sql<{ id: number }>`
    insert into organisations (organisationsnummer, name) values ('5560160680', 'Region Exempel') returning id`.execute(db);
  organisationId = org.rows[0]!.id;
  const account = await sql<{ id: number }>`
    insert into customer_accounts (organisation_id, personnummer_enc, personnummer_hash, name, email)
    values (${organisationId}, 'sealed', 'hash', 'Åsa Öberg', 'asa@exempel.se') returning id`.execute(db);
  reporterId = account.rows[0]!.id;
  // Logs each case at its transaction's commit: a deferred trigger fires inside the commit, while the
  // counter's row lock is still held, so the log's order is the commit order.
  await sql`create table commit_log (ord bigserial primary key, case_id bigint not null)`.execute(db);
  await sql`
    create function log_commit() returns trigger language plpgsql as $$
    begin
      insert into commit_log (case_id) values (new.id);
      return null;
    end
    $$`.execute(db);
  await sql`
    create constraint trigger cases_commit_log after insert on cases deferrable initially deferred
    for each row execute function log_commit()`.execute(db);
});

const newCase = (subject: string, reporter = reporterId): NewCase => ({
  sealedSubmission: { ...question('asa@exempel.se'), subject } as CaseSubmission,
  organisationId,
  reporterId: reporter,
});

const lastSeq = async (year: number) =>
  (await database().selectFrom('case_number_counters').select('lastSeq').where('year', '=', year).executeTakeFirst())?.lastSeq ?? 0;

describe('submitCaseOnce', () => {
  it('writes the case, its first event, its bell notification and the key in one statement', async () => {
    const db = database();
    const key = randomUUID();
    const result = await submitCaseOnce(db, newCase('En fråga'), { owner: 'customer:1', key, request: { a: 1 } });
    if (result === 'key-conflict') throw new Error('unexpected conflict');
    const { row } = result;
    expect(result.created).toBe(true);
    expect(row).toMatchObject({ status: 'submitted', subject: 'En fråga', type: 'question', version: 1, organisationId, reporterId });
    expect(row.caseNumber).toBe(formatCaseNumber(row.year!, row.seq!));
    expect(row.year).toBe(caseYear(new Date()));
    // The insert trigger still gives each case its own workflow id.
    expect(row.workflowId).toMatch(new RegExp(`^${row.caseNumber}-[0-9a-f]{10}$`));
    expect(row.payload).toMatchObject({ type: 'question', subject: 'En fråga' });
    expect(row.createdAt).toBeInstanceOf(Date);
    expect(await db.selectFrom('cases').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()).toEqual(row);

    const events = await db.selectFrom('case_events').selectAll().where('caseId', '=', row.id).execute();
    expect(events).toMatchObject([
      { version: 1, action: 'submit', actorType: 'customer', actorId: reporterId, fromStatus: null, toStatus: 'submitted', data: {} },
    ]);
    const bells = await db.selectFrom('notifications').selectAll().where('caseId', '=', row.id).execute();
    expect(bells).toMatchObject([
      {
        dedupeKey: `${row.caseNumber}:1:received`,
        customerAccountId: reporterId,
        kind: 'received',
        readAt: null,
        ...notificationText(row.caseNumber, { kind: 'received' }),
      },
    ]);
    const keys = await db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).execute();
    expect(keys).toMatchObject([{ owner: 'customer:1', caseId: row.id }]);

    const again = await submitCaseOnce(db, newCase('En fråga'), { owner: 'customer:1', key, request: { a: 1 } });
    expect(again).toEqual({ row, created: false });
    expect(await submitCaseOnce(db, newCase('En fråga'), { owner: 'customer:1', key, request: { a: 2 } })).toBe('key-conflict');
    // The same key of another owner is another key.
    expect(await submitCaseOnce(db, newCase('En fråga'), { owner: 'customer:2', key, request: { a: 1 } })).toMatchObject({ created: true });
    expect(await lastSeq(row.year!)).toBe(row.seq! + 1);
  });

  it('answers a twin that waited on the key with the first case, and spends no number on it', async () => {
    const db = database();
    const year = caseYear(new Date());
    for (const [request, expected] of [
      [{ same: true }, 'replay'],
      [{ same: false }, 'key-conflict'],
    ] as const) {
      const key = randomUUID();
      const before = await lastSeq(year);
      let twin: Promise<SubmitResult> | undefined;
      const first = await db.transaction().execute(async (trx) => {
        const inserted = await submitInOneStatement(trx, newCase('Tvilling'), {
          owner: 'customer:1',
          key,
          requestHash: createHash('sha256').update(JSON.stringify({ same: true })).digest('hex'),
        });
        // The twin runs on another connection and blocks on the uncommitted key row.
        twin = submitCaseOnce(db, newCase('Tvilling'), { owner: 'customer:1', key, request });
        await sleep(300);
        return inserted!.row;
      });
      const answer = await twin!;
      if (expected === 'replay') expect(answer).toEqual({ row: first, created: false });
      else expect(answer).toBe('key-conflict');
      expect(await lastSeq(year)).toBe(before + 1);
    }
  });

  it('spends no number on a submission that fails or is rolled back', async () => {
    const db = database();
    const year = caseYear(new Date());
    const before = await lastSeq(year);
    await expect(submitCaseOnce(db, newCase('Ingen anmälare', MISSING_REPORTER))).rejects.toThrow(/foreign key/);
    await expect(
      submitCaseOnce(db, newCase('Ingen anmälare', MISSING_REPORTER), { owner: 'customer:1', key: randomUUID(), request: {} }),
    ).rejects.toThrow(/foreign key/);
    await expect(
      db.transaction().execute(async (trx) => {
        await insertSubmittedCase(trx, newCase('Ångrad'));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await lastSeq(year)).toBe(before);
    const next = await insertSubmittedCase(db, newCase('Nästa'));
    expect(next.seq).toBe(before + 1);
  });

  it('formats numbers past 99999 as the code does', async () => {
    const db = database();
    await db.insertInto('case_number_counters').values({ year: 2031, lastSeq: 99_999 }).execute();
    const row = await insertSubmittedCase(db, newCase('Stort nummer'), new Date('2031-06-01T12:00:00Z'));
    expect(row.caseNumber).toBe('KP-2031-100000');
    expect(row.caseNumber).toBe(formatCaseNumber(2031, 100_000));
  });

  it('keeps numbers gapless, unique and in commit order per year under 20 concurrent callers', async () => {
    const db = database();
    const owner = 'customer:concurrent';
    type Job =
      | { kind: 'plain' }
      | { kind: 'keyed'; key: string; request: { n: number } }
      | { kind: 'failing' }
      | { kind: 'rolled-back' }
      | { kind: 'last-year' };
    const jobs: Job[] = [];
    const racingGroups: Job[][] = [];
    for (let i = 0; i < 200; i++) {
      const slot = i % 10;
      if (slot < 3) jobs.push({ kind: 'plain' });
      else if (slot === 3) jobs.push({ kind: 'failing' });
      else if (slot === 4) jobs.push({ kind: 'rolled-back' });
      else if (slot === 5) jobs.push({ kind: 'last-year' });
      else if (slot === 6) {
        // The same request three times under one key, racing each other.
        const key = randomUUID();
        racingGroups.push(Array.from({ length: 3 }, () => ({ kind: 'keyed' as const, key, request: { n: i } })));
      } else if (slot === 7) {
        // One key, two different requests, racing.
        const key = randomUUID();
        racingGroups.push([
          { kind: 'keyed', key, request: { n: i } },
          { kind: 'keyed', key, request: { n: -i } },
        ]);
      } else jobs.push({ kind: 'keyed', key: randomUUID(), request: { n: i } });
    }
    // Some keys come back later, one by one (the replay from the statement's own snapshot).
    const retries = racingGroups.slice(0, 10).map((g) => ({ ...g[0]! }));
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const queue: Job[][] = [...jobs.map((j) => [j]), ...racingGroups].sort(() => random() - 0.5);
    queue.push(...retries.map((j) => [j]));

    const lastYear = caseYear(new Date()) - 1;
    const results: { job: Job; result: SubmitResult | 'failed' | 'rolled-back' }[] = [];
    const runJob = async (job: Job) => {
      switch (job.kind) {
        case 'plain':
          return submitCaseOnce(db, newCase('Vanlig'));
        case 'keyed':
          return submitCaseOnce(db, newCase(`Nyckel ${job.request.n}`), { owner, key: job.key, request: job.request });
        case 'failing':
          return submitCaseOnce(db, newCase('Fel', MISSING_REPORTER), { owner, key: randomUUID(), request: {} }).then(
            () => {
              throw new Error('a submission without reporter succeeded');
            },
            () => 'failed' as const,
          );
        case 'rolled-back':
          return db
            .transaction()
            .execute(async (trx) => {
              await insertSubmittedCase(trx, newCase('Ångrad'));
              throw new Error('rolled back');
            })
            .catch(() => 'rolled-back' as const);
        case 'last-year': {
          const row = await insertSubmittedCase(db, newCase('Förra året'), new Date(`${lastYear}-12-31T12:00:00Z`));
          return { row, created: true };
        }
      }
    };
    let next = 0;
    await Promise.all(
      Array.from({ length: CALLERS }, async () => {
        while (next < queue.length) {
          const group = queue[next++]!;
          await Promise.all(group.map(async (job) => results.push({ job, result: await runJob(job) })));
        }
      }),
    );

    // Gapless and unique per year, formatted as the code formats them, and the counter at the top.
    const cases = await db
      .withTables<{ commitLog: { ord: number; caseId: number } }>()
      .selectFrom('cases as c')
      .innerJoin('commitLog as l', 'l.caseId', 'c.id')
      .select(['c.id', 'c.year', 'c.seq', 'c.caseNumber', 'c.workflowId', 'l.ord'])
      .orderBy('l.ord')
      .execute();
    const allCases = Number((await db.selectFrom('cases').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(cases).toHaveLength(allCases);
    const years = [...new Set(cases.map((c) => c.year))];
    expect(years.length).toBeGreaterThanOrEqual(2);
    for (const year of years) {
      const ofYear = cases.filter((c) => c.year === year);
      const seqs = ofYear.map((c) => c.seq!);
      // In commit order the numbers only go up...
      expect(seqs, `commit order in ${year}`).toEqual([...seqs].sort((a, b) => a - b));
      // ...and they are 1..n without a gap or a repeat (2031 starts at 100000 by design above).
      const first = year === 2031 ? 100_000 : 1;
      expect(seqs, `gapless in ${year}`).toEqual(Array.from({ length: seqs.length }, (_, i) => first + i));
      expect(await lastSeq(year!)).toBe(first + seqs.length - 1);
      for (const c of ofYear) {
        expect(c.caseNumber).toBe(formatCaseNumber(c.year!, c.seq!));
        expect(c.workflowId.startsWith(`${c.caseNumber}-`)).toBe(true);
      }
    }

    // Exactly one case per key, and every answer under a key names that case.
    const keyed = results.filter((r): r is { job: Extract<Job, { kind: 'keyed' }>; result: SubmitResult } => r.job.kind === 'keyed');
    const byKey = new Map<string, typeof keyed>();
    for (const r of keyed) byKey.set(r.job.key, [...(byKey.get(r.job.key) ?? []), r]);
    const stored = await db.selectFrom('idempotency_keys').select(['key', 'caseId', 'requestHash']).where('owner', '=', owner).execute();
    expect(stored).toHaveLength(byKey.size);
    for (const [key, answers] of byKey) {
      const row = stored.find((s) => s.key === key);
      expect(row, key).toBeDefined();
      const created = answers.filter((a) => a.result !== 'key-conflict' && a.result.created);
      expect(created, key).toHaveLength(1);
      const winner = created[0]!;
      const winnerRow = (winner.result as { row: CaseRow }).row;
      expect(winnerRow.id).toBe(row!.caseId);
      for (const a of answers) {
        if (JSON.stringify(a.job.request) === JSON.stringify(winner.job.request)) {
          expect(a.result).toMatchObject({ row: { id: winnerRow.id, caseNumber: winnerRow.caseNumber } });
        } else {
          expect(a.result).toBe('key-conflict');
        }
      }
    }

    // Every case came from one answer that created it, and has one first event and one bell.
    const createdIds = results.flatMap((r) =>
      typeof r.result === 'object' && r.result.created ? [r.result.row.id] : [],
    );
    const earlier = 6; // cases the tests above committed
    expect(new Set(createdIds).size).toBe(createdIds.length);
    expect(allCases).toBe(createdIds.length + earlier);
    expect(results.filter((r) => r.result === 'failed')).toHaveLength(20);
    expect(results.filter((r) => r.result === 'rolled-back')).toHaveLength(20);
    const counts = await sql<{ events: number; bells: number }>`
      select (select count(*) from case_events)::int as events, (select count(*) from notifications)::int as bells`.execute(db);
    expect(counts.rows[0]).toEqual({ events: allCases, bells: allCases });
  });
});
