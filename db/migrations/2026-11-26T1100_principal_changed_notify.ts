import { type Kysely, sql } from 'kysely';

// Every API process caches token look-ups for a few seconds (db/token-cache.ts). Whatever ends or
// changes a token's rights tells them at once on the channel `principal_changed`: a token revoked or
// deleted, an account's right to order, local-admin role or organisation changed, a staff member's role
// or active flag changed, or either deleted. Triggers rather than calls in each write path, so an update
// from any code, script or psql session is heard too. NOTIFY is sent at commit, never for a rollback.
export async function up(db: Kysely<any>): Promise<void> {
  // tg_argv[0] names what changed; the payload is e.g. 'token:42', 'account:7', 'staff:3'.
  await sql`
    create function notify_principal_changed() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        perform pg_notify('principal_changed', tg_argv[0] || ':' || old.id);
      else
        perform pg_notify('principal_changed', tg_argv[0] || ':' || new.id);
      end if;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger api_tokens_principal_changed
    after update of revoked_at, token_hash, customer_account_id, staff_id on api_tokens for each row
    when (old.revoked_at is distinct from new.revoked_at or old.token_hash is distinct from new.token_hash
          or old.customer_account_id is distinct from new.customer_account_id or old.staff_id is distinct from new.staff_id)
    execute function notify_principal_changed('token')`.execute(db);
  await sql`create trigger api_tokens_principal_deleted after delete on api_tokens for each row execute function notify_principal_changed('token')`.execute(
    db,
  );
  await sql`
    create trigger customer_accounts_principal_changed
    after update of can_order, is_local_admin, organisation_id on customer_accounts for each row
    when (old.can_order is distinct from new.can_order or old.is_local_admin is distinct from new.is_local_admin
          or old.organisation_id is distinct from new.organisation_id)
    execute function notify_principal_changed('account')`.execute(db);
  await sql`create trigger customer_accounts_principal_deleted after delete on customer_accounts for each row execute function notify_principal_changed('account')`.execute(
    db,
  );
  await sql`
    create trigger staff_principal_changed
    after update of role, active on staff for each row
    when (old.role is distinct from new.role or old.active is distinct from new.active)
    execute function notify_principal_changed('staff')`.execute(db);
  await sql`create trigger staff_principal_deleted after delete on staff for each row execute function notify_principal_changed('staff')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['api_tokens', 'customer_accounts', 'staff']) {
    await sql`drop trigger ${sql.raw(`${table}_principal_changed`)} on ${sql.table(table)}`.execute(db);
    await sql`drop trigger ${sql.raw(`${table}_principal_deleted`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop function notify_principal_changed()`.execute(db);
}
