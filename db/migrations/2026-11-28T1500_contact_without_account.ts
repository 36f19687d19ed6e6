import { type Kysely, sql } from 'kysely';

// "Kontakta oss" without an account: such a case has no organisation and no reporter, and says so in
// its own column (without_account), so the back office can mark it "Utan konto" without reading the
// sealed payload. Every other case still has its organisation: the check keeps that rule in the table.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').alterColumn('organisation_id', (c) => c.dropNotNull()).execute();
  await db.schema.alterTable('cases').addColumn('without_account', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
  await db.schema
    .alterTable('cases')
    .addCheckConstraint('cases_without_account_shape', sql`case when without_account then reporter_id is null else organisation_id is not null end`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // Cases without an organisation cannot stay once the column is required again.
  await sql`delete from cases where organisation_id is null`.execute(db);
  await db.schema.alterTable('cases').dropConstraint('cases_without_account_shape').execute();
  await db.schema.alterTable('cases').dropColumn('without_account').execute();
  await db.schema.alterTable('cases').alterColumn('organisation_id', (c) => c.setNotNull()).execute();
}
