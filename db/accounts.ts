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
    if (await trx.selectFrom('customer_accounts').select('id').where('personnummerHash', '=', hash).executeTakeFirst()) {
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
        .values({ organisationsnummer: a.organisationsnummer, name: a.organisationName, verifiedAt: null })
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
        organisationId: org.id,
        unitId,
        personnummerEnc: cipher.seal(a.personnummer),
        personnummerHash: hash,
        name: a.name,
        email: a.email,
        notifyByEmail: a.notifyByEmail,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (registeredOrganisation) {
      await trx.updateTable('organisations').set({ registeredByAccountId: account.id }).where('id', '=', org.id).execute();
    }
    return { ok: true, accountId: account.id, organisationId: org.id, registeredOrganisation } as const;
  });
}

/** The account with its organisation and unit, as "Mina uppgifter" and the case prefill need it. */
export const findAccount = (db: Executor, accountId: number) =>
  db
    .selectFrom('customer_accounts as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisationId')
    .leftJoin('units as u', 'u.id', 'a.unitId')
    .select([
      'a.id',
      'a.organisationId',
      'a.personnummerEnc',
      'a.name',
      'a.email',
      'a.notifyByEmail',
      'a.canOrder',
      'a.isLocalAdmin',
      'a.createdAt',
      'a.updatedAt',
      'o.organisationsnummer',
      'o.name as organisationName',
      'o.verifiedAt as organisationVerifiedAt',
      'u.name as unitName',
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
    const { organisationId } = await trx
      .selectFrom('customer_accounts')
      .select('organisationId')
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow();
    const unitId = d.unitName ? await ensureUnit(trx, organisationId, d.unitName) : null;
    await trx
      .updateTable('customer_accounts')
      .set({ name: d.name, email: d.email, notifyByEmail: d.notifyByEmail, unitId, updatedAt: new Date() })
      .where('id', '=', accountId)
      .execute();
  });
}

/** Members of an organisation, for its local administrators. */
export const organisationMembers = (db: Executor, organisationId: number) =>
  db
    .selectFrom('customer_accounts as a')
    .leftJoin('units as u', 'u.id', 'a.unitId')
    .select(['a.id', 'a.name', 'a.email', 'a.canOrder', 'a.isLocalAdmin', 'a.createdAt', 'u.name as unitName'])
    .where('a.organisationId', '=', organisationId)
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
      ...(roles.canOrder !== undefined ? { canOrder: roles.canOrder } : {}),
      ...(roles.isLocalAdmin !== undefined ? { isLocalAdmin: roles.isLocalAdmin } : {}),
      updatedAt: new Date(),
    })
    .where('id', '=', accountId)
    .where('organisationId', '=', organisationId)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}
