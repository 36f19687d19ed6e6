import { type Kysely, sql } from 'kysely';

// The back office's queues and filters, sorted by age, at a million cases (see db/queues.ts).
// Every list orders by (created_at, id), so each index ends in those two columns: a page is read
// straight off an index, and deep pages and capped counts are index-only scans. The filter indexes
// carry status and assignee, so a queue combined with one filter needs no heap visits either.
// Plain CREATE INDEX holds writes to `cases` while it builds: about 30 s at a million cases on two
// cores. A database that large in production would build them CONCURRENTLY, outside a transaction.
export async function up(db: Kysely<any>): Promise<void> {
  // A trusted extension (PG 13+): the database owner may create it without superuser rights.
  await sql`create extension if not exists pg_trgm`.execute(db);

  const cases = (name: string) => db.schema.createIndex(name).on('cases');
  // Every case, newest or oldest first; also the walk for a search word that most cases contain.
  await cases('cases_created_idx').columns(['created_at', 'id']).execute();
  // Queue "open": not closed. Queries must say exactly `status <> 'closed'` to use it.
  await cases('cases_open_created_idx').columns(['created_at', 'id']).where(sql.ref('status'), '<>', 'closed').execute();
  // Queue "new": submitted, and nobody has it yet.
  await cases('cases_new_created_idx')
    .columns(['created_at', 'id'])
    .where(sql.ref('status'), '=', 'submitted')
    .where(sql.ref('assignee_id'), 'is', null)
    .execute();
  // Queue "mine": a handler's open cases (their closed ones outnumber them many times).
  await cases('cases_assignee_open_created_idx')
    .columns(['assignee_id', 'created_at', 'id'])
    .where(sql.ref('status'), '<>', 'closed')
    .execute();
  // One filter each, covering the queue columns (and the type, for an organisation's queue of one
  // type). These replace the initial migration's
  // (organisation_id, created_at) and (assignee_id, status), which they make redundant.
  await sql`create index cases_assignee_created_idx on cases (assignee_id, created_at, id) include (status)`.execute(db);
  await sql`create index cases_organisation_created_idx on cases (organisation_id, created_at, id) include (status, assignee_id, type)`.execute(db);
  await sql`create index cases_type_created_idx on cases (type, created_at, id) include (status, assignee_id)`.execute(db);
  await db.schema.dropIndex('cases_assignee_idx').execute();
  await db.schema.dropIndex('cases_organisation_idx').execute();

  // Free text: one trigram index over case number and subject, for ILIKE '%…%' of three characters or more.
  await sql`create index cases_search_trgm_idx on cases using gin ((case_number || ' ' || subject) gin_trgm_ops)`.execute(db);
  await sql`create index organisations_name_trgm_idx on organisations using gin (name gin_trgm_ops)`.execute(db);
  await sql`create index customer_accounts_search_trgm_idx on customer_accounts using gin ((name || ' ' || email) gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('cases_organisation_idx').on('cases').columns(['organisation_id', 'created_at']).execute();
  await db.schema.createIndex('cases_assignee_idx').on('cases').columns(['assignee_id', 'status']).execute();
  for (const index of [
    'customer_accounts_search_trgm_idx',
    'organisations_name_trgm_idx',
    'cases_search_trgm_idx',
    'cases_type_created_idx',
    'cases_organisation_created_idx',
    'cases_assignee_created_idx',
    'cases_assignee_open_created_idx',
    'cases_new_created_idx',
    'cases_open_created_idx',
    'cases_created_idx',
  ]) {
    await db.schema.dropIndex(index).execute();
  }
  // Refuses, rather than cascades, should something else have come to depend on it meanwhile.
  await sql`drop extension if exists pg_trgm`.execute(db);
}
