import { type Kysely, sql } from 'kysely';

// Moving in from an earlier customer portal (issue 11).
//
// Accounts: an imported account has no personnummer until a person verifies it with e-legitimation
// ("Verifiera ditt konto"), so personnummer_enc/_hash become nullable, but only for an imported
// account, and both or neither. imported_at marks an account that came from an import, verified_at
// when a person tied their e-legitimation to it. An import keys on the lower-cased e-mail address, so
// among imported accounts that address is unique (accounts made in this portal may share one, as before).
//
// Cases: an earlier case is closed and read-only and never has a workflow (imported). It keeps its
// original number: in this portal's form (KP-2024-00012) its year and seq are kept too, and the import
// moves the year's counter past it, so a new case never draws it; in another form (e.g. ÄR-123456)
// year and seq are null, and the unique case_number keeps it apart from KP-numbers. The reconciler's
// index leaves imported cases out, so a start is never tried for one.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table customer_accounts
      alter column personnummer_enc drop not null,
      alter column personnummer_hash drop not null,
      add column imported_at timestamptz,
      add column verified_at timestamptz,
      add constraint customer_accounts_personnummer_both check ((personnummer_enc is null) = (personnummer_hash is null)),
      add constraint customer_accounts_personnummer_unless_imported check (personnummer_hash is not null or imported_at is not null),
      add constraint customer_accounts_verified_has_personnummer check (verified_at is null or personnummer_hash is not null)`.execute(db);
  await sql`create unique index customer_accounts_imported_email_key on customer_accounts (lower(email)) where imported_at is not null`.execute(db);
  // The import looks every address up among all accounts (one made in this portal is refused).
  await sql`create index customer_accounts_email_idx on customer_accounts (lower(email))`.execute(db);

  await sql`
    alter table cases
      add column imported boolean not null default false,
      alter column year drop not null,
      alter column seq drop not null,
      add constraint cases_numbered_unless_imported check (imported or (year is not null and seq is not null)),
      add constraint cases_imported_closed check (not imported or (status = 'closed' and closed_at is not null))`.execute(db);
  await db.schema.dropIndex('cases_unstarted_idx').execute();
  await sql`create index cases_unstarted_idx on cases (created_at) where workflow_started_at is null and not imported`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_unstarted_idx').execute();
  await sql`create index cases_unstarted_idx on cases (created_at) where workflow_started_at is null`.execute(db);
  // Earlier cases and accounts still awaiting verification cannot live in the older schema.
  await sql`delete from cases where imported`.execute(db);
  await sql`
    alter table cases
      drop constraint cases_imported_closed,
      drop constraint cases_numbered_unless_imported,
      alter column year set not null,
      alter column seq set not null,
      drop column imported`.execute(db);

  await sql`delete from customer_accounts a where personnummer_hash is null and not exists (select from cases c where c.reporter_id = a.id)`.execute(db);
  await db.schema.dropIndex('customer_accounts_email_idx').execute();
  await db.schema.dropIndex('customer_accounts_imported_email_key').execute();
  await sql`
    alter table customer_accounts
      drop constraint customer_accounts_verified_has_personnummer,
      drop constraint customer_accounts_personnummer_unless_imported,
      drop constraint customer_accounts_personnummer_both,
      drop column verified_at,
      drop column imported_at,
      alter column personnummer_hash set not null,
      alter column personnummer_enc set not null`.execute(db);
}
