// API tokens: shown once at creation, stored only as a SHA-256 hash.
import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from './client.js';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createApiToken(
  db: Executor,
  owner: { customerAccountId: number } | { staffId: number },
  name: string,
): Promise<string> {
  const token = `kp_${randomBytes(32).toString('base64url')}`;
  await db
    .insertInto('api_tokens')
    .values({
      token_hash: hashToken(token),
      name,
      customer_account_id: 'customerAccountId' in owner ? owner.customerAccountId : null,
      staff_id: 'staffId' in owner ? owner.staffId : null,
    })
    .execute();
  return token;
}

export async function findTokenOwner(db: Executor, token: string) {
  return db
    .selectFrom('api_tokens as t')
    .leftJoin('customer_accounts as a', 'a.id', 't.customer_account_id')
    .leftJoin('staff as s', 's.id', 't.staff_id')
    .select(['t.id', 't.customer_account_id', 't.staff_id', 'a.organisation_id', 's.role'])
    .where('t.token_hash', '=', hashToken(token))
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
}
