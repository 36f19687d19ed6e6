// The migrations on an empty database: up creates every table, down removes them all, up works again,
// and the constraints the code relies on are really enforced by Postgres.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../db/client.js';
import { migrateDownAll, migrateToLatest } from '../db/migrate.js';
import { migrations } from '../db/migrations/index.js';
import { loadConfig } from '../config/index.js';
import { dropDatabase, freshDatabase } from '../scripts/throwaway-databases.js';

const TABLES = [
  'organisations',
  'units',
  'customer_accounts',
  'staff',
  'api_tokens',
  'case_number_counters',
  'cases',
  'case_events',
  'case_messages',
  'notifications',
  'email_log',
  'idempotency_keys',
].sort();

let url: string;
let db: Db;

beforeAll(async () => {
  url = await freshDatabase(loadConfig().DATABASE_URL, `kundportal_migrations_${process.pid}`);
  db = createDb(url, { max: 2 });
});
afterAll(async () => {
  await db?.destroy();
  if (url) await dropDatabase(url);
});

async function publicTables(): Promise<string[]> {
  // The client's CamelCasePlugin renames the result column table_name.
  const { rows } = await sql<{ tableName: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db);
  return rows.map((r) => r.tableName);
}

const ours = async () => (await publicTables()).filter((t) => TABLES.includes(t)).sort();

/** Runs `fn` and returns the Postgres error code it failed with. */
async function pgErrorCode(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (err) {
    return (err as { code?: string }).code ?? `no code: ${(err as Error).message}`;
  }
  throw new Error('expected the statement to fail');
}

describe('migrations on an empty database', () => {
  it('starts empty', async () => {
    expect(await ours()).toEqual([]);
  });

  it('migrateToLatest creates every table', async () => {
    const results = await migrateToLatest(db);
    expect(results.map((r) => [r.migrationName, r.direction, r.status])).toEqual(
      Object.keys(migrations).map((name) => [name, 'Up', 'Success']),
    );
    expect(await ours()).toEqual(TABLES);
    // Running it again is a no-op.
    expect(await migrateToLatest(db)).toEqual([]);
  });

  it('migrateDownAll removes every table', async () => {
    const results = await migrateDownAll(db);
    expect(results.map((r) => [r.direction, r.status])).toEqual(Object.keys(migrations).map(() => ['Down', 'Success']));
    expect(await ours()).toEqual([]);
    // Nothing of ours is left behind: no sequences from the bigserial columns.
    const seqs = await sql<{ n: string }>`
      select count(*) as n from information_schema.sequences where sequence_schema = 'public'`.execute(db);
    expect(Number(seqs.rows[0]!.n)).toBe(0);
  });

  it('migrateToLatest works again after migrating down', async () => {
    const results = await migrateToLatest(db);
    expect(results.every((r) => r.status === 'Success')).toBe(true);
    expect(await ours()).toEqual(TABLES);
  });
});

describe('constraints', () => {
  let orgId: number;
  let accountId: number;
  let staffId: number;

  beforeAll(async () => {
    expect(await ours()).toEqual(TABLES); // after the migration tests above
    orgId = (
      await db.insertInto('organisations').values({ organisationsnummer: '556016-0680', name: 'Org' }).returning('id').executeTakeFirstOrThrow()
    ).id;
    accountId = (
      await db
        .insertInto('customer_accounts')
        .values({ organisationId: orgId, personnummerEnc: 'x', personnummerHash: 'h1', name: 'A', email: 'a@exempel.se' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    staffId = (
      await db.insertInto('staff').values({ name: 'S', email: 's@kundportal.local', role: 'handler' }).returning('id').executeTakeFirstOrThrow()
    ).id;
  });

  const caseValues = (caseNumber: string, seq: number, extra: Record<string, unknown> = {}) => ({
    caseNumber,
    year: 2026,
    seq,
    type: 'question' as const,
    status: 'submitted' as const,
    subject: 'Fråga',
    payload: JSON.stringify({ type: 'question' }),
    organisationId: orgId,
    reporterId: accountId,
    ...extra,
  });

  it('refuses two cases with the same case number', async () => {
    await db.insertInto('cases').values(caseValues('KP-2026-00001', 1)).execute();
    expect(await pgErrorCode(() => db.insertInto('cases').values(caseValues('KP-2026-00001', 2)).execute())).toBe('23505');
    // …and two with the same year and sequence number under different case numbers.
    expect(await pgErrorCode(() => db.insertInto('cases').values(caseValues('KP-2026-X0001', 1)).execute())).toBe('23505');
    const n = await db.selectFrom('cases').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('refuses a case with an unknown status', async () => {
    expect(
      await pgErrorCode(() => db.insertInto('cases').values(caseValues('KP-2026-00009', 9, { status: 'lost' })).execute()),
    ).toBe('23514');
  });

  it('refuses an API token with no owner, and one with two owners', async () => {
    expect(
      await pgErrorCode(() =>
        db.insertInto('api_tokens').values({ tokenHash: 't0', name: 'none', customerAccountId: null, staffId: null }).execute(),
      ),
    ).toBe('23514');
    expect(
      await pgErrorCode(() =>
        db.insertInto('api_tokens').values({ tokenHash: 't2', name: 'both', customerAccountId: accountId, staffId }).execute(),
      ),
    ).toBe('23514');
    await db.insertInto('api_tokens').values({ tokenHash: 't1', name: 'one', customerAccountId: accountId, staffId: null }).execute();
    await db.insertInto('api_tokens').values({ tokenHash: 't3', name: 'staff', customerAccountId: null, staffId }).execute();
    expect(await pgErrorCode(() => db.insertInto('api_tokens').values({ tokenHash: 't1', name: 'dup', staffId }).execute())).toBe('23505');
  });

  it('refuses a second e-mail log row with the same idempotency key', async () => {
    const { id: caseId } = await db.selectFrom('cases').select('id').executeTakeFirstOrThrow();
    const row = { idempotencyKey: 'KP-2026-00001:email:1', caseId, recipient: 'a@exempel.se', subject: 'S', status: 'sent' as const };
    await db.insertInto('email_log').values(row).execute();
    expect(await pgErrorCode(() => db.insertInto('email_log').values(row).execute())).toBe('23505');
    expect(await pgErrorCode(() => db.insertInto('email_log').values({ ...row, idempotencyKey: 'k2', status: 'lost' as never }).execute())).toBe(
      '23514',
    );
  });

  it('refuses a second idempotency key for the same owner, and a second event of one version', async () => {
    const { id: caseId } = await db.selectFrom('cases').select('id').executeTakeFirstOrThrow();
    const key = { owner: 'customer:1', key: 'k', requestHash: 'h', caseId };
    await db.insertInto('idempotency_keys').values(key).execute();
    expect(await pgErrorCode(() => db.insertInto('idempotency_keys').values(key).execute())).toBe('23505');
    const event = { caseId, version: 1, action: 'submit', actorType: 'customer' as const, toStatus: 'submitted' as const };
    await db.insertInto('case_events').values(event).execute();
    expect(await pgErrorCode(() => db.insertInto('case_events').values(event).execute())).toBe('23505');
  });

  it('refuses a case of an organisation that does not exist', async () => {
    expect(
      await pgErrorCode(() => db.insertInto('cases').values(caseValues('KP-2026-00077', 77, { organisationId: 987654 })).execute()),
    ).toBe('23503');
  });

  it('migrates down with data in every table', async () => {
    await migrateDownAll(db);
    expect(await ours()).toEqual([]);
  });
});
