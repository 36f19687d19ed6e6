import { type Kysely, sql } from 'kysely';

// A customer's own cases (Mina sidor, GET /api/v1/cases; db/customer-cases.ts) take a page's keys off
// the reporter's index alone, as an organisation's do off cases_organisation_created_idx; for that the
// index must carry the status. An account that submits through the API holds thousands of cases, and
// without the status its closed list read the table once for each newer ongoing case (about 500 pages
// for an account of 9,000 cases at a million). Replaces cases_reporter_idx, the same keys without it.
// Plain CREATE INDEX holds writes to `cases` while it builds: about 10 s at a million cases on two
// cores. A database that large in production would build it CONCURRENTLY, outside a transaction.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index cases_reporter_created_idx on cases (reporter_id, created_at, id) include (status)`.execute(db);
  await db.schema.dropIndex('cases_reporter_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('cases_reporter_idx').on('cases').columns(['reporter_id', 'created_at', 'id']).execute();
  await db.schema.dropIndex('cases_reporter_created_idx').execute();
}
