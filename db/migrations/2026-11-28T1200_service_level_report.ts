import { type Kysely, sql } from 'kysely';

// The service-level report (services/service-level-report.ts) reads one narrow row per measured case:
// its type, the month it was received, and per clock the month it stopped, the business minutes it
// showed then and the target it was measured against. The minutes are the workflow's own (the clocks
// in case_service_levels), never wall-clock time. A trigger on case_service_levels keeps the row, so
// no write path can forget it; the report then aggregates a few index-only scans instead of joining
// a million cases and their clocks on every request.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('service_level_report_rows')
    .addColumn('case_id', 'bigint', (c) => c.primaryKey().references('cases.id').onDelete('cascade'))
    .addColumn('case_type', 'text', (c) => c.notNull())
    // First day of the month, Europe/Stockholm.
    .addColumn('received_month', 'date', (c) => c.notNull())
    // Set once the clock has stopped for good (first public answer; the case closed), else null.
    .addColumn('first_response_month', 'date')
    .addColumn('first_response_minutes', 'double precision')
    .addColumn('first_response_target', 'integer')
    // The month of the case's (latest) closing; a reopened case has none until it closes again.
    .addColumn('resolution_month', 'date')
    .addColumn('resolution_minutes', 'double precision')
    .addColumn('resolution_target', 'integer')
    .execute();

  await sql`
    create function service_level_report_row() returns trigger language plpgsql as $$
    begin
      insert into service_level_report_rows as r (case_id, case_type, received_month,
             first_response_month, first_response_minutes, first_response_target,
             resolution_month, resolution_minutes, resolution_target)
      select c.id, c.type, date_trunc('month', c.created_at at time zone 'Europe/Stockholm')::date,
             date_trunc('month', new.first_response_stopped_at at time zone 'Europe/Stockholm')::date,
             case when new.first_response_stopped_at is not null then new.first_response_elapsed_minutes end,
             case when new.first_response_stopped_at is not null then (new.targets ->> 'firstResponseMinutes')::int end,
             date_trunc('month', new.resolution_stopped_at at time zone 'Europe/Stockholm')::date,
             case when new.resolution_stopped_at is not null then new.resolution_elapsed_minutes end,
             case when new.resolution_stopped_at is not null then (new.targets ->> 'resolutionMinutes')::int end
        from cases c
       where c.id = new.case_id
      on conflict (case_id) do update set
             first_response_month = excluded.first_response_month,
             first_response_minutes = excluded.first_response_minutes,
             first_response_target = excluded.first_response_target,
             resolution_month = excluded.resolution_month,
             resolution_minutes = excluded.resolution_minutes,
             resolution_target = excluded.resolution_target;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger case_service_levels_report_insert after insert on case_service_levels
    for each row execute function service_level_report_row()`.execute(db);
  // Only what the report reads: a running clock's every write (its minutes, its due time) changes nothing here.
  await sql`
    create trigger case_service_levels_report_update after update on case_service_levels
    for each row when (old.first_response_stopped_at is distinct from new.first_response_stopped_at
                    or old.resolution_stopped_at is distinct from new.resolution_stopped_at
                    or old.target_revision is distinct from new.target_revision)
    execute function service_level_report_row()`.execute(db);

  // The cases measured before this migration.
  await sql`
    insert into service_level_report_rows (case_id, case_type, received_month,
           first_response_month, first_response_minutes, first_response_target,
           resolution_month, resolution_minutes, resolution_target)
    select c.id, c.type, date_trunc('month', c.created_at at time zone 'Europe/Stockholm')::date,
           date_trunc('month', sl.first_response_stopped_at at time zone 'Europe/Stockholm')::date,
           case when sl.first_response_stopped_at is not null then sl.first_response_elapsed_minutes end,
           case when sl.first_response_stopped_at is not null then (sl.targets ->> 'firstResponseMinutes')::int end,
           date_trunc('month', sl.resolution_stopped_at at time zone 'Europe/Stockholm')::date,
           case when sl.resolution_stopped_at is not null then sl.resolution_elapsed_minutes end,
           case when sl.resolution_stopped_at is not null then (sl.targets ->> 'resolutionMinutes')::int end
      from case_service_levels sl join cases c on c.id = sl.case_id`.execute(db);

  // One per measure, month first (a report covers a range of months, of one type or all), carrying the
  // minutes and targets so each aggregate is an index-only scan.
  const rows = (name: string) => db.schema.createIndex(name).on('service_level_report_rows');
  await rows('service_level_report_received_idx').columns(['received_month', 'case_type']).execute();
  await sql`create index service_level_report_first_response_idx on service_level_report_rows
            (first_response_month, case_type) include (first_response_minutes, first_response_target)
            where first_response_month is not null`.execute(db);
  await sql`create index service_level_report_resolution_idx on service_level_report_rows
            (resolution_month, case_type) include (resolution_minutes, resolution_target)
            where resolution_month is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger case_service_levels_report_update on case_service_levels`.execute(db);
  await sql`drop trigger case_service_levels_report_insert on case_service_levels`.execute(db);
  await sql`drop function service_level_report_row()`.execute(db);
  await db.schema.dropTable('service_level_report_rows').execute();
}
