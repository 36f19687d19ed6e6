// API tokens: shown once at creation, stored only as a SHA-256 hash.
import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from './client.js';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export type TokenOwner = { customerAccountId: number } | { staffId: number };

const ownerColumns = (owner: TokenOwner) => ({
  customerAccountId: 'customerAccountId' in owner ? owner.customerAccountId : null,
  staffId: 'staffId' in owner ? owner.staffId : null,
});

/** A new token and its stored record; the token itself is never readable again. */
export async function issueApiToken(db: Executor, owner: TokenOwner, name: string) {
  const token = `kp_${randomBytes(32).toString('base64url')}`;
  const row = await db
    .insertInto('api_tokens')
    .values({ tokenHash: hashToken(token), name, hint: token.slice(0, 7), ...ownerColumns(owner) })
    .returning(['id', 'name', 'hint', 'createdAt'])
    .executeTakeFirstOrThrow();
  return { token, ...row };
}

/**
 * Like issueApiToken, once per intent key: a second call with the same key makes nothing and finds the
 * first call's token (revoked or not) instead, whose secret is gone for good.
 */
export async function issueApiTokenOnce(db: Executor, owner: TokenOwner, name: string, intentKey: string) {
  const token = `kp_${randomBytes(32).toString('base64url')}`;
  const columns = ['id', 'name', 'hint', 'createdAt'] as const;
  const made = await db
    .insertInto('api_tokens')
    .values({ tokenHash: hashToken(token), name, hint: token.slice(0, 7), intentKey, ...ownerColumns(owner) })
    .onConflict((oc) => oc.columns(['customerAccountId', 'staffId', 'intentKey']).where('intentKey', 'is not', null).doNothing())
    .returning(columns)
    .executeTakeFirst();
  if (made) return { created: true as const, token, ...made };
  const cols = ownerColumns(owner);
  const earlier = await db
    .selectFrom('api_tokens')
    .select(columns)
    .where('intentKey', '=', intentKey)
    .$if(cols.customerAccountId !== null, (q) => q.where('customerAccountId', '=', cols.customerAccountId))
    .$if(cols.staffId !== null, (q) => q.where('staffId', '=', cols.staffId))
    .executeTakeFirstOrThrow();
  return { created: false as const, ...earlier };
}

export const createApiToken = async (db: Executor, owner: TokenOwner, name: string) => (await issueApiToken(db, owner, name)).token;

/** The live token's owner with roles as they are now; revoked tokens and inactive staff find nothing. */
export async function findTokenOwner(db: Executor, token: string) {
  const owner = await db
    .selectFrom('api_tokens as t')
    .leftJoin('customer_accounts as a', 'a.id', 't.customerAccountId')
    .leftJoin('staff as s', 's.id', 't.staffId')
    .select(['t.id', 't.customerAccountId', 't.staffId', 't.lastUsedAt', 'a.organisationId', 'a.canOrder', 'a.isLocalAdmin', 's.role', 's.active as staffActive'])
    .where('t.tokenHash', '=', hashToken(token))
    .where('t.revokedAt', 'is', null)
    .executeTakeFirst();
  // Recorded at most once a minute so integrations' requests stay reads.
  if (owner && (!owner.lastUsedAt || Date.now() - owner.lastUsedAt.getTime() > 60_000)) {
    await db.updateTable('api_tokens').set({ lastUsedAt: new Date() }).where('id', '=', owner.id).execute();
  }
  return owner;
}

export const listApiTokens = (db: Executor, owner: TokenOwner) => {
  const cols = ownerColumns(owner);
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'hint', 'createdAt', 'lastUsedAt'])
    .$if(cols.customerAccountId !== null, (q) => q.where('customerAccountId', '=', cols.customerAccountId))
    .$if(cols.staffId !== null, (q) => q.where('staffId', '=', cols.staffId))
    .where('revokedAt', 'is', null)
    .orderBy('id')
    .execute();
};

/** Revokes one of the owner's own tokens; false when there is no such live token. */
export async function revokeApiToken(db: Executor, owner: TokenOwner, tokenId: number): Promise<boolean> {
  const cols = ownerColumns(owner);
  const res = await db
    .updateTable('api_tokens')
    .set({ revokedAt: new Date() })
    .where('id', '=', tokenId)
    .where('revokedAt', 'is', null)
    .$if(cols.customerAccountId !== null, (q) => q.where('customerAccountId', '=', cols.customerAccountId))
    .$if(cols.staffId !== null, (q) => q.where('staffId', '=', cols.staffId))
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}
