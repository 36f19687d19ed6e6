import { type Kysely, sql } from 'kysely';

// Service levels: each case type's targets with their history, and each case's clocks as its workflow
// computes them (a projection for the queues, the case page and reports, and what a reopened case's
// new run starts from).
export async function up(db: Kysely<any>): Promise<void> {
  // Insert-only: a change is a new row, so the history is the table. A type's targets are its row with
  // the highest id, which is also the revision the case workflows compare.
  await db.schema
    .createTable('service_level_targets')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_type', 'text', (c) => c.notNull())
    .addColumn('first_response_minutes', 'integer', (c) => c.notNull().check(sql`first_response_minutes > 0`))
    .addColumn('resolution_minutes', 'integer', (c) => c.notNull().check(sql`resolution_minutes > 0`))
    .addColumn('reminder_after_days', 'integer', (c) => c.notNull().check(sql`reminder_after_days >= 0`))
    .addColumn('auto_close_after_days', 'integer', (c) => c.notNull().check(sql`auto_close_after_days >= 0`))
    .addColumn('changed_by_staff_id', 'bigint', (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Set by the worker once every open case of the type runs on this revision (worker/service-level-rollout.ts).
    .addColumn('rolled_out_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('service_level_targets_type_idx').on('service_level_targets').columns(['case_type', 'id']).execute();

  // The defaults of domain/service-levels.ts as they were when this was written (business minutes; a
  // business day is 420). Marked rolled out: no case runs yet.
  await sql`
    insert into service_level_targets (case_type, first_response_minutes, resolution_minutes, reminder_after_days, auto_close_after_days, rolled_out_at)
    values ('question', 420, 2100, 5, 10, now()),
           ('fault_report', 120, 840, 3, 10, now()),
           ('improvement', 840, 8400, 10, 20, now()),
           ('order', 420, 1260, 5, 10, now()),
           ('siths_order', 420, 1260, 5, 10, now()),
           ('other', 420, 2100, 5, 10, now())`.execute(db);

  await db.schema
    .createTable('case_service_levels')
    .addColumn('case_id', 'bigint', (c) => c.primaryKey().references('cases.id').onDelete('cascade'))
    // The workflow numbers its writes; an older one arriving late is ignored.
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('target_revision', 'bigint', (c) => c.notNull())
    .addColumn('targets', 'jsonb', (c) => c.notNull())
    // Per clock: minutes counted before the running stretch, its start, when it stopped for good, and
    // when it falls due while it runs. A stopped clock's elapsed minutes are its result for reports.
    .addColumn('first_response_elapsed_minutes', 'double precision', (c) => c.notNull())
    .addColumn('first_response_running_since', 'timestamptz')
    .addColumn('first_response_stopped_at', 'timestamptz')
    .addColumn('first_response_due_at', 'timestamptz')
    .addColumn('resolution_elapsed_minutes', 'double precision', (c) => c.notNull())
    .addColumn('resolution_running_since', 'timestamptz')
    .addColumn('resolution_stopped_at', 'timestamptz')
    .addColumn('resolution_due_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The earliest due time of a case's running clocks, on the case itself so that queues sort by it
  // off an index. Null when no clock runs (waiting for the customer, closed, or not yet measured).
  await db.schema.alterTable('cases').addColumn('sla_due_at', 'timestamptz').execute();
  const cases = (name: string) => db.schema.createIndex(name).on('cases');
  // Queues "open" and "overdue" (`sla_due_at < now()`); queries must say exactly `status <> 'closed'`.
  await cases('cases_open_due_idx').columns(['sla_due_at', 'id']).where(sql.ref('status'), '<>', 'closed').execute();
  // Queue "new" by due time.
  await cases('cases_new_due_idx')
    .columns(['sla_due_at', 'id'])
    .where(sql.ref('status'), '=', 'submitted')
    .where(sql.ref('assignee_id'), 'is', null)
    .execute();
  // Queue "mine" by due time.
  await cases('cases_assignee_open_due_idx').columns(['assignee_id', 'sla_due_at', 'id']).where(sql.ref('status'), '<>', 'closed').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['cases_assignee_open_due_idx', 'cases_new_due_idx', 'cases_open_due_idx']) await db.schema.dropIndex(index).execute();
  await db.schema.alterTable('cases').dropColumn('sla_due_at').execute();
  await db.schema.dropTable('case_service_levels').execute();
  await db.schema.dropTable('service_level_targets').execute();
}
