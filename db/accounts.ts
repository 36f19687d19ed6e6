// Customer accounts: creation after the first login, contact details ("Mina uppgifter") and roles.
import type { Db, Executor } from './client.js';
import { ensureUnit, findOrganisationByNumber } from './organisations.js';
import type { PersonalDataCipher } from './personal-data.js';

export interface NewAccount {
  personnummer: string;
  organisationsnummer: string;
  /** Required when the organisation is not yet known: the person registers it. */
  organisationName?: string;
  unitName?: string;
  name: string;
  email: string;
  notifyByEmail: boolean;
}

export type CreateAccountResult =
  | { ok: true; accountId: number; organisationId: number; registeredOrganisation: boolean }
  | { ok: false; reason: 'account-exists' | 'organisation-unknown' };

/** One transaction: the organisation (registered when new, unverified), the unit and the account. */
export async function createAccount(db: Db, cipher: PersonalDataCipher, a: NewAccount): Promise<CreateAccountResult> {
  return db.transaction().execute(async (trx) => {
    const hash = cipher.hash(a.personnummer);
    if (await trx.selectFrom('customer_accounts').select('id').where('personnummer_hash', '=', hash).executeTakeFirst()) {
      return { ok: false, reason: 'account-exists' } as const;
    }
    let org = await findOrganisationByNumber(trx, a.organisationsnummer);
    let registeredOrganisation = false;
    if (!org) {
      if (!a.organisationName) return { ok: false, reason: 'organisation-unknown' } as const;
      // Only the insert that creates the row registers it; one that loses a concurrent race waits for
      // the winner's commit and then joins its organisation.
      org = await trx
        .insertInto('organisations')
        .values({ organisationsnummer: a.organisationsnummer, name: a.organisationName, verified_at: null })
        .onConflict((oc) => oc.column('organisationsnummer').doNothing())
        .returningAll()
        .executeTakeFirst();
      registeredOrganisation = org !== undefined;
      org ??= await findOrganisationByNumber(trx, a.organisationsnummer);
      if (!org) throw new Error(`Organisation ${a.organisationsnummer} neither inserted nor found`);
    }
    const unitId = a.unitName ? await ensureUnit(trx, org.id, a.unitName) : null;
    const account = await trx
      .insertInto('customer_accounts')
      .values({
        organisation_id: org.id,
        unit_id: unitId,
        personnummer_enc: cipher.seal(a.personnummer),
        personnummer_hash: hash,
        name: a.name,
        email: a.email,
        notify_by_email: a.notifyByEmail,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (registeredOrganisation) {
      await trx.updateTable('organisations').set({ registered_by_account_id: account.id }).where('id', '=', org.id).execute();
    }
    return { ok: true, accountId: account.id, organisationId: org.id, registeredOrganisation } as const;
  });
}

/** The account with its organisation and unit, as "Mina uppgifter" and the case prefill need it. */
export const findAccount = (db: Executor, accountId: number) =>
  db
    .selectFrom('customer_accounts as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .leftJoin('units as u', 'u.id', 'a.unit_id')
    .select([
      'a.id',
      'a.organisation_id',
      'a.personnummer_enc',
      'a.name',
      'a.email',
      'a.notify_by_email',
      'a.can_order',
      'a.is_local_admin',
      'a.created_at',
      'a.updated_at',
      'o.organisationsnummer',
      'o.name as organisation_name',
      'o.verified_at as organisation_verified_at',
      'u.name as unit_name',
    ])
    .where('a.id', '=', accountId)
    .executeTakeFirst();

export type AccountRow = NonNullable<Awaited<ReturnType<typeof findAccount>>>;

export async function updateContactDetails(
  db: Db,
  accountId: number,
  d: { name: string; email: string; notifyByEmail: boolean; unitName?: string | undefined },
) {
  await db.transaction().execute(async (trx) => {
    const { organisation_id } = await trx
      .selectFrom('customer_accounts')
      .select('organisation_id')
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow();
    const unitId = d.unitName ? await ensureUnit(trx, organisation_id, d.unitName) : null;
    await trx
      .updateTable('customer_accounts')
      .set({ name: d.name, email: d.email, notify_by_email: d.notifyByEmail, unit_id: unitId, updated_at: new Date() })
      .where('id', '=', accountId)
      .execute();
  });
}

/** Members of an organisation, for its local administrators. */
export const organisationMembers = (db: Executor, organisationId: number) =>
  db
    .selectFrom('customer_accounts as a')
    .leftJoin('units as u', 'u.id', 'a.unit_id')
    .select(['a.id', 'a.name', 'a.email', 'a.can_order', 'a.is_local_admin', 'a.created_at', 'u.name as unit_name'])
    .where('a.organisation_id', '=', organisationId)
    .orderBy('a.name')
    .orderBy('a.id')
    .execute();

export async function setMemberRoles(
  db: Executor,
  organisationId: number,
  accountId: number,
  roles: { canOrder?: boolean | undefined; isLocalAdmin?: boolean | undefined },
): Promise<boolean> {
  const res = await db
    .updateTable('customer_accounts')
    .set({
      ...(roles.canOrder !== undefined ? { can_order: roles.canOrder } : {}),
      ...(roles.isLocalAdmin !== undefined ? { is_local_admin: roles.isLocalAdmin } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', accountId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}
