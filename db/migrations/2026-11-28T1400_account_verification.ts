import { type Kysely, sql } from 'kysely';

// "Verifiera ditt konto": one-time codes that tie a person's e-legitimation to an account imported from
// the earlier portal. A row is written for every request, whether or not the address belongs to such
// an account (account_id null then), so the rate limits count the same and nothing reveals it. Only
// keyed hashes are kept: of the code (bound to the person), of the person and of the address.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account_verification_codes')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    // Who asked: the keyed hash of the logged-in person's personnummer.
    .addColumn('personnummer_hash', 'text', (c) => c.notNull())
    // The keyed hash of the address as typed (lower-cased), for the limit per address.
    .addColumn('email_hash', 'text', (c) => c.notNull())
    // The imported account the address belongs to; null when none does (the code then never matches).
    .addColumn('account_id', 'bigint', (c) => c.references('customer_accounts.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  // The person's latest code, and the rate limits per person and per address over the last hour.
  await db.schema.createIndex('account_verification_codes_person_idx').on('account_verification_codes').columns(['personnummer_hash', 'created_at']).execute();
  await db.schema.createIndex('account_verification_codes_email_idx').on('account_verification_codes').columns(['email_hash', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('account_verification_codes').execute();
}
