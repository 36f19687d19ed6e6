// Bearer API tokens for customers and staff; interactive login arrives with the customer issue.
import { createMiddleware } from 'hono/factory';
import type { Db } from '../db/client.js';
import { findTokenOwner } from '../db/tokens.js';
import { problem } from '../domain/index.js';
import { sendProblem } from './problems.js';

export type Principal =
  | { kind: 'customer'; accountId: number; organisationId: number; tokenId: number }
  | { kind: 'staff'; staffId: number; role: 'handler' | 'admin'; tokenId: number };

export type AuthEnv<K extends Principal['kind'] = Principal['kind']> = {
  Variables: { principal: Extract<Principal, { kind: K }> };
};

export function requireAuth<K extends Principal['kind']>(db: Db, kind: K) {
  return createMiddleware<AuthEnv<K>>(async (c, next) => {
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '')?.[1];
    const owner = token ? await findTokenOwner(db, token) : undefined;
    if (!owner) return sendProblem(c, problem(401, 'Inte inloggad', 'Ange en giltig API-nyckel.'));
    const principal: Principal | undefined =
      owner.customer_account_id !== null && owner.organisation_id !== null
        ? { kind: 'customer', accountId: owner.customer_account_id, organisationId: owner.organisation_id, tokenId: owner.id }
        : owner.staff_id !== null && owner.role !== null
          ? { kind: 'staff', staffId: owner.staff_id, role: owner.role, tokenId: owner.id }
          : undefined;
    if (principal?.kind !== kind) return sendProblem(c, problem(403, 'Åtkomst nekad', 'Nyckeln saknar behörighet för detta.'));
    c.set('principal', principal as Extract<Principal, { kind: K }>);
    await next();
  });
}
