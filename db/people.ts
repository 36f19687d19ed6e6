// Organisations, customer accounts and staff: the upserts that scripts and seeds share.
import type { Executor } from './client.js';
import type { PersonalDataCipher } from './personal-data.js';
import type { StaffRole } from './tables/people.js';

export async function upsertOrganisation(db: Executor, o: { organisationsnummer: string; name: string; verified: boolean }) {
  const row = await db
    .insertInto('organisations')
    .values({ organisationsnummer: o.organisationsnummer, name: o.name, verifiedAt: o.verified ? new Date() : null })
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
      organisationId: a.organisationId,
      personnummerEnc: cipher.seal(a.personnummer),
      personnummerHash: cipher.hash(a.personnummer),
      name: a.name,
      email: a.email,
      notifyByEmail: a.notifyByEmail ?? true,
      canOrder: a.canOrder ?? false,
      isLocalAdmin: a.isLocalAdmin ?? false,
    })
    .onConflict((oc) =>
      oc.column('personnummerHash').doUpdateSet({
        name: a.name,
        email: a.email,
        organisationId: a.organisationId,
        ...(a.canOrder !== undefined ? { canOrder: a.canOrder } : {}),
        ...(a.isLocalAdmin !== undefined ? { isLocalAdmin: a.isLocalAdmin } : {}),
        updatedAt: new Date(),
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
  const identity = login ? { personnummerEnc: login.cipher.seal(login.personnummer), personnummerHash: login.cipher.hash(login.personnummer) } : {};
  const row = await db
    .insertInto('staff')
    .values({ ...s, ...identity })
    .onConflict((oc) => oc.column('email').doUpdateSet({ name: s.name, role: s.role, ...identity }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const findAccountIdByPersonnummerHash = async (db: Executor, hash: string) =>
  (await db.selectFrom('customer_accounts').select('id').where('personnummerHash', '=', hash).executeTakeFirst())?.id;

export const findActiveStaffByPersonnummerHash = async (db: Executor, hash: string) =>
  (await db.selectFrom('staff').select('id').where('personnummerHash', '=', hash).where('active', '=', true).executeTakeFirst())?.id;
