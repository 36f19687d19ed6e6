import { type Kysely, sql } from 'kysely';

// Notifications to staff in the back office, each with its e-mail: the service-level warnings at 80 %
// of a target and at breach. One row per recipient and warning (the dedupe key), so a retried warning
// neither notifies nor e-mails anyone twice; the row is also that e-mail's log.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_notifications')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('staff_id', 'bigint', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('case_id', 'bigint', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('sla_warning', 'sla_breach')`))
    // Which service-level clock: firstResponse or resolution.
    .addColumn('clock', 'text', (c) => c.notNull().check(sql`clock in ('firstResponse', 'resolution')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('read_at', 'timestamptz')
    .addColumn('email_sent_at', 'timestamptz')
    // The relay's reply when it refused the e-mail for good.
    .addColumn('email_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // A staff member's notifications newest first, and their unread count.
  await db.schema.createIndex('staff_notifications_staff_idx').on('staff_notifications').columns(['staff_id', 'id']).execute();
  await db.schema
    .createIndex('staff_notifications_unread_idx')
    .on('staff_notifications')
    .column('staff_id')
    .where(sql.ref('read_at'), 'is', null)
    .execute();
  // The warnings a case has raised, read when its workflow starts measuring.
  await db.schema.createIndex('staff_notifications_case_idx').on('staff_notifications').columns(['case_id', 'kind', 'clock']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('staff_notifications').execute();
}
