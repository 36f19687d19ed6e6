import { type Kysely, sql } from 'kysely';

// A key per intent on API tokens: the portal's "Skapa API-nyckel" form carries one, so a resent form
// or a double click finds the token the first request made instead of making a second. Unique per
// owner (customer or staff: one of the two is null, hence NULLS NOT DISTINCT); tokens made without a
// key (the JSON API, scripts) are left out of the index.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_tokens').addColumn('intent_key', 'text').execute();
  await sql`
    create unique index api_tokens_intent_key on api_tokens (customer_account_id, staff_id, intent_key) nulls not distinct
    where intent_key is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index api_tokens_intent_key`.execute(db);
  await db.schema.alterTable('api_tokens').dropColumn('intent_key').execute();
}
