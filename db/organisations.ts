// Organisations: look-up by organisationsnummer, registration by a customer, verification by staff.
import type { Executor } from './client.js';
import { inTransaction } from './transaction.js';

export const findOrganisationByNumber = (db: Executor, organisationsnummer: string) =>
  db.selectFrom('organisations').selectAll().where('organisationsnummer', '=', organisationsnummer).executeTakeFirst();

/** The unit's id within the organisation, created on first mention. */
export async function ensureUnit(db: Executor, organisationId: number, name: string): Promise<number> {
  const row = await db
    .insertInto('units')
    .values({ organisationId, name })
    .onConflict((oc) => oc.columns(['organisationId', 'name']).doUpdateSet({ name }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Verifies an organisation; the person who registered it becomes its local administrator.
 * Returns false when it does not exist; verifying twice changes nothing. One transaction: a failure
 * between the two writes would leave it verified without an administrator, and no retry repairs that.
 */
export const verifyOrganisation = (db: Executor, organisationId: number, staffId: number): Promise<boolean> =>
  inTransaction(db, async (trx) => {
    const org = await trx
      .updateTable('organisations')
      .set({ verifiedAt: new Date(), verifiedByStaffId: staffId })
      .where('id', '=', organisationId)
      .where('verifiedAt', 'is', null)
      .returning(['id', 'registeredByAccountId'])
      .executeTakeFirst();
    if (org?.registeredByAccountId) {
      await trx
        .updateTable('customer_accounts')
        .set({ isLocalAdmin: true, updatedAt: new Date() })
        .where('id', '=', org.registeredByAccountId)
        .where('organisationId', '=', organisationId)
        .execute();
    }
    if (org) return true;
    return (await trx.selectFrom('organisations').select('id').where('id', '=', organisationId).executeTakeFirst()) !== undefined;
  });
