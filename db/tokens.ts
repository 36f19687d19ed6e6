// API tokens: shown once at creation, stored only as a SHA-256 hash.
import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from './client.js';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export type TokenOwner = { customerAccountId: number } | { staffId: number };

const ownerColumns = (owner: TokenOwner) => ({
  customer_account_id: 'customerAccountId' in owner ? owner.customerAccountId : null,
  staff_id: 'staffId' in owner ? owner.staffId : null,
});

/** A new token and its stored record; the token itself is never readable again. */
export async function issueApiToken(db: Executor, owner: TokenOwner, name: string) {
  const token = `kp_${randomBytes(32).toString('base64url')}`;
  const row = await db
    .insertInto('api_tokens')
    .values({ token_hash: hashToken(token), name, hint: token.slice(0, 7), ...ownerColumns(owner) })
    .returning(['id', 'name', 'hint', 'created_at'])
    .executeTakeFirstOrThrow();
  return { token, ...row };
}

export const createApiToken = async (db: Executor, owner: TokenOwner, name: string) => (await issueApiToken(db, owner, name)).token;

/** The live token's owner with roles as they are now; revoked tokens and inactive staff find nothing. */
export async function findTokenOwner(db: Executor, token: string) {
  const owner = await db
    .selectFrom('api_tokens as t')
    .leftJoin('customer_accounts as a', 'a.id', 't.customer_account_id')
    .leftJoin('staff as s', 's.id', 't.staff_id')
    .select(['t.id', 't.customer_account_id', 't.staff_id', 't.last_used_at', 'a.organisation_id', 'a.can_order', 'a.is_local_admin', 's.role', 's.active as staff_active'])
    .where('t.token_hash', '=', hashToken(token))
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
  // Recorded at most once a minute so integrations' requests stay reads.
  if (owner && (!owner.last_used_at || Date.now() - owner.last_used_at.getTime() > 60_000)) {
    await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', owner.id).execute();
  }
  return owner;
}

export const listApiTokens = (db: Executor, owner: TokenOwner) => {
  const cols = ownerColumns(owner);
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'hint', 'created_at', 'last_used_at'])
    .$if(cols.customer_account_id !== null, (q) => q.where('customer_account_id', '=', cols.customer_account_id))
    .$if(cols.staff_id !== null, (q) => q.where('staff_id', '=', cols.staff_id))
    .where('revoked_at', 'is', null)
    .orderBy('id')
    .execute();
};

/** Revokes one of the owner's own tokens; false when there is no such live token. */
export async function revokeApiToken(db: Executor, owner: TokenOwner, tokenId: number): Promise<boolean> {
  const cols = ownerColumns(owner);
  const res = await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .$if(cols.customer_account_id !== null, (q) => q.where('customer_account_id', '=', cols.customer_account_id))
    .$if(cols.staff_id !== null, (q) => q.where('staff_id', '=', cols.staff_id))
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}
