import { type Kysely, sql } from 'kysely';

// E-mail that could not be delivered, and claims that a retried send can take over at once.
export async function up(db: Kysely<any>): Promise<void> {
  // Set when a case's latest e-mail was refused for good, cleared when a later one is delivered;
  // email_log holds the details. A projection on the case so the back office's queue reads one index.
  await db.schema.alterTable('cases').addColumn('undelivered_email_at', 'timestamptz').execute();
  // Queue "undelivered": open cases whose customer could not be reached. Queries must say exactly
  // `undelivered_email_at is not null and status <> 'closed'` to use it.
  await db.schema
    .createIndex('cases_undelivered_created_idx')
    .on('cases')
    .columns(['created_at', 'id'])
    .where(sql.ref('undelivered_email_at'), 'is not', null)
    .where(sql.ref('status'), '<>', 'closed')
    .execute();

  // Which activity execution holds a 'sending' claim, and its attempt: a later attempt of the same
  // activity may take the claim over at once, since Temporal only retries an attempt it gave up on.
  await db.schema.alterTable('email_log').addColumn('claimed_by', 'text').addColumn('claim_attempt', 'integer').execute();
  // A case's e-mails (the back office's flag reads the latest refusal; deleting a case cascades here).
  await db.schema.createIndex('email_log_case_idx').on('email_log').columns(['case_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('email_log_case_idx').execute();
  await db.schema.alterTable('email_log').dropColumn('claim_attempt').dropColumn('claimed_by').execute();
  await db.schema.dropIndex('cases_undelivered_created_idx').execute();
  await db.schema.alterTable('cases').dropColumn('undelivered_email_at').execute();
}
