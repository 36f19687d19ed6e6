import { type Kysely, sql } from 'kysely';

// Each case's own Temporal workflow id. The case number alone repeats when a database is recreated or
// restored from an older backup while Temporal keeps the old cases' workflows, and a new case would
// then attach to an old case's workflow. New rows get the case number plus a random part; existing
// rows keep their case number, which is what their running workflows are called.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('workflow_id', 'text').execute();
  await sql`update cases set workflow_id = case_number`.execute(db);
  await db.schema.alterTable('cases').alterColumn('workflow_id', (c) => c.setNotNull()).execute();
  await db.schema.alterTable('cases').addUniqueConstraint('cases_workflow_id_key', ['workflow_id']).execute();
  // In the database rather than in one insert path, so every insert gets a fresh one. 40 random bits
  // from gen_random_uuid (core since PG 13): its first ten hex digits are all random.
  await sql`
    create function cases_set_workflow_id() returns trigger language plpgsql as $$
    begin
      if new.workflow_id is null then
        new.workflow_id := new.case_number || '-' || left(replace(gen_random_uuid()::text, '-', ''), 10);
      end if;
      return new;
    end
    $$`.execute(db);
  await sql`create trigger cases_workflow_id before insert on cases for each row execute function cases_set_workflow_id()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger cases_workflow_id on cases`.execute(db);
  await sql`drop function cases_set_workflow_id()`.execute(db);
  await db.schema.alterTable('cases').dropColumn('workflow_id').execute();
}
