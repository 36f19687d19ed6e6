// Organisations, customer accounts and staff: the upserts that scripts and seeds share.
import type { Executor } from './client.js';
import type { PersonalDataCipher } from './personal-data.js';
import type { StaffRole } from './tables/people.js';

export async function upsertOrganisation(db: Executor, o: { organisationsnummer: string; name: string; verified: boolean }) {
  const row = await db
    .insertInto('organisations')
    .values({ organisationsnummer: o.organisationsnummer, name: o.name, verified_at: o.verified ? new Date() : null })
    .onConflict((oc) => oc.column('organisationsnummer').doUpdateSet({ name: o.name }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function upsertCustomerAccount(
  db: Executor,
  cipher: PersonalDataCipher,
  a: { organisationId: number; personnummer: string; name: string; email: string; notifyByEmail?: boolean; canOrder?: boolean; isLocalAdmin?: boolean },
) {
  const row = await db
    .insertInto('customer_accounts')
    .values({
      organisation_id: a.organisationId,
      personnummer_enc: cipher.seal(a.personnummer),
      personnummer_hash: cipher.hash(a.personnummer),
      name: a.name,
      email: a.email,
      notify_by_email: a.notifyByEmail ?? true,
      can_order: a.canOrder ?? false,
      is_local_admin: a.isLocalAdmin ?? false,
    })
    .onConflict((oc) =>
      oc.column('personnummer_hash').doUpdateSet({
        name: a.name,
        email: a.email,
        organisation_id: a.organisationId,
        ...(a.canOrder !== undefined ? { can_order: a.canOrder } : {}),
        ...(a.isLocalAdmin !== undefined ? { is_local_admin: a.isLocalAdmin } : {}),
        updated_at: new Date(),
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Staff log in with e-legitimation, so a personnummer (sealed, with its look-up hash) ties them to it. */
export async function upsertStaff(
  db: Executor,
  s: { name: string; email: string; role: StaffRole },
  login?: { cipher: PersonalDataCipher; personnummer: string },
) {
  const identity = login ? { personnummer_enc: login.cipher.seal(login.personnummer), personnummer_hash: login.cipher.hash(login.personnummer) } : {};
  const row = await db
    .insertInto('staff')
    .values({ ...s, ...identity })
    .onConflict((oc) => oc.column('email').doUpdateSet({ name: s.name, role: s.role, ...identity }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const findAccountIdByPersonnummerHash = async (db: Executor, hash: string) =>
  (await db.selectFrom('customer_accounts').select('id').where('personnummer_hash', '=', hash).executeTakeFirst())?.id;

export const findActiveStaffByPersonnummerHash = async (db: Executor, hash: string) =>
  (await db.selectFrom('staff').select('id').where('personnummer_hash', '=', hash).where('active', '=', true).executeTakeFirst())?.id;
