// The queries of "Verifiera ditt konto" (services/account-verification.ts): one-time codes, the imported
// account an address belongs to, and tying a person's identity to it.
import { sql } from 'kysely';
import type { Executor } from './client.js';

/** Codes asked for since `since`, by the person or for the address: what the rate limits count. */
export async function countCodesSince(db: Executor, by: { personnummerHash: string } | { emailHash: string }, since: Date) {
  const row = await db
    .selectFrom('account_verification_codes')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('createdAt', '>', since)
    .$call((q) => ('personnummerHash' in by ? q.where('personnummerHash', '=', by.personnummerHash) : q.where('emailHash', '=', by.emailHash)))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** An account from the earlier portal with this address that nobody has verified yet. */
export const findUnverifiedImportedAccount = (db: Executor, email: string) =>
  db
    .selectFrom('customer_accounts')
    .select(['id', 'email'])
    .where('importedAt', 'is not', null)
    .where('personnummerHash', 'is', null)
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();

export const insertCode = (
  db: Executor,
  c: { personnummerHash: string; emailHash: string; accountId: number | null; codeHash: string; expiresAt: Date },
) => db.insertInto('account_verification_codes').values(c).returning('id').executeTakeFirstOrThrow();

/** The person's newest code, locked: two tries at once count as two. */
export const latestCodeForUpdate = (db: Executor, personnummerHash: string) =>
  db
    .selectFrom('account_verification_codes')
    .selectAll()
    .where('personnummerHash', '=', personnummerHash)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();

export const countAttempt = (db: Executor, id: number) =>
  db.updateTable('account_verification_codes').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('id', '=', id).execute();

export const markCodeUsed = (db: Executor, id: number) =>
  db.updateTable('account_verification_codes').set({ usedAt: sql<Date>`now()`, attempts: sql<number>`attempts + 1` }).where('id', '=', id).execute();

/** Ties the identity to the account, unless someone verified it first; the id when it was tied. */
export const tieIdentityToAccount = (db: Executor, accountId: number, identity: { personnummerEnc: string; personnummerHash: string }) =>
  db
    .updateTable('customer_accounts')
    .set({ ...identity, verifiedAt: sql<Date>`now()`, updatedAt: sql<Date>`now()` })
    .where('id', '=', accountId)
    .where('personnummerHash', 'is', null)
    .returning('id')
    .executeTakeFirst();

/** Codes older than the longest limit window are of no use to anyone: each request sweeps them. */
export const deleteCodesBefore = (db: Executor, before: Date) => db.deleteFrom('account_verification_codes').where('createdAt', '<', before).execute();
