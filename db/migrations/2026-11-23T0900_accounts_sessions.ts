import { type Kysely, sql } from 'kysely';

// Roles, e-legitimation sessions, login requests, rate-limit windows and API-token hints.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('organisations')
    .addColumn('registered_by_account_id', 'bigint', (c) => c.references('customer_accounts.id').onDelete('set null'))
    .addColumn('verified_by_staff_id', 'bigint', (c) => c.references('staff.id').onDelete('set null'))
    .execute();

  await db.schema
    .alterTable('customer_accounts')
    .addColumn('can_order', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('is_local_admin', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.createIndex('customer_accounts_organisation_idx').on('customer_accounts').columns(['organisation_id', 'id']).execute();

  await db.schema.alterTable('staff').addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true)).execute();

  await db.schema.alterTable('api_tokens').addColumn('hint', 'text').execute();

  await db.schema
    .createTable('sessions')
    // SHA-256 of the cookie value: a leaked table row cannot be replayed as a cookie.
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('person', 'customer', 'staff')`))
    .addColumn('customer_account_id', 'bigint', (c) => c.references('customer_accounts.id').onDelete('cascade'))
    .addColumn('staff_id', 'bigint', (c) => c.references('staff.id').onDelete('cascade'))
    .addColumn('personnummer_enc', 'text', (c) => c.notNull())
    .addColumn('personnummer_hash', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('auth_method', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Absolute end; the session also ends after idle_seconds without a request.
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('idle_seconds', 'integer', (c) => c.notNull())
    .addCheckConstraint(
      'sessions_kind_owner',
      sql`(kind = 'person' and customer_account_id is null and staff_id is null)
       or (kind = 'customer' and customer_account_id is not null and staff_id is null)
       or (kind = 'staff' and staff_id is not null and customer_account_id is null)`,
    )
    .execute();
  await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();

  await db.schema
    .createTable('login_requests')
    .addColumn('state', 'text', (c) => c.primaryKey())
    .addColumn('audience', 'text', (c) => c.notNull().check(sql`audience in ('customer', 'staff')`))
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('return_to', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rate_limit_windows')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limit_windows_pkey', ['key', 'window_start'])
    .execute();

  // Mina sidor: a reporter's cases newest first.
  await db.schema.createIndex('cases_reporter_idx').on('cases').columns(['reporter_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('notifications_account_idx').on('notifications').columns(['customer_account_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('notifications_account_idx').execute();
  await db.schema.dropIndex('cases_reporter_idx').execute();
  await db.schema.dropTable('rate_limit_windows').execute();
  await db.schema.dropTable('login_requests').execute();
  await db.schema.dropTable('sessions').execute();
  await db.schema.alterTable('api_tokens').dropColumn('hint').execute();
  await db.schema.alterTable('staff').dropColumn('active').execute();
  await db.schema.dropIndex('customer_accounts_organisation_idx').execute();
  await db.schema.alterTable('customer_accounts').dropColumn('is_local_admin').dropColumn('can_order').execute();
  await db.schema.alterTable('organisations').dropColumn('verified_by_staff_id').dropColumn('registered_by_account_id').execute();
}
