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
  a: { organisationId: number; personnummer: string; name: string; email: string; notifyByEmail?: boolean },
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
    })
    .onConflict((oc) =>
      oc.column('personnummer_hash').doUpdateSet({ name: a.name, email: a.email, organisation_id: a.organisationId, updated_at: new Date() }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function upsertStaff(db: Executor, s: { name: string; email: string; role: StaffRole }) {
  const row = await db
    .insertInto('staff')
    .values(s)
    .onConflict((oc) => oc.column('email').doUpdateSet({ name: s.name, role: s.role }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
