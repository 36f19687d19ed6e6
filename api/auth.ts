// Who is calling, and whether they may: an e-legitimation session (HttpOnly cookie, CSRF token on
// writes) or a Bearer API token, checked against the audience each route declares.
import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Db } from '../db/client.js';
import { findLiveSession } from '../db/sessions.js';
import { findTokenOwnerCached } from '../db/token-cache.js';
import { problem } from '../domain/index.js';
import { type Audience, type Principal, belongsTo } from '../services/principal.js';
import { sendProblem } from './problems.js';

export type { Principal } from '../services/principal.js';

export const SESSION_COOKIE = 'kp_session';
export const CSRF_HEADER = 'X-CSRF-Token';

async function fromToken(db: Db, token: string): Promise<Principal | undefined> {
  // Cached for a few seconds per process when the API started a token cache; revocations and role
  // changes reach it at once by NOTIFY (db/token-cache.ts).
  const o = await findTokenOwnerCached(db, token);
  if (!o) return undefined;
  const via = { type: 'token', tokenId: o.id } as const;
  if (o.customerAccountId !== null && o.organisationId !== null) {
    return { kind: 'customer', accountId: o.customerAccountId, organisationId: o.organisationId, canOrder: !!o.canOrder, isLocalAdmin: !!o.isLocalAdmin, via };
  }
  if (o.staffId !== null && o.role !== null && o.staffActive) return { kind: 'staff', staffId: o.staffId, role: o.role, via };
  return undefined;
}

async function fromSession(db: Db, cookie: string, touch: boolean): Promise<Principal | undefined> {
  const s = await findLiveSession(db, cookie, { touch });
  if (!s) return undefined;
  const via = {
    type: 'session',
    idHash: s.idHash,
    csrfToken: s.csrfToken,
    personnummerEnc: s.personnummerEnc,
    name: s.name,
    authMethod: s.authMethod,
    idleSeconds: s.idleSeconds,
    idleEndsAt: new Date(s.lastSeenAt.getTime() + s.idleSeconds * 1000),
  } as const;
  if (s.kind === 'customer' && s.customerAccountId !== null && s.organisationId !== null) {
    return { kind: 'customer', accountId: s.customerAccountId, organisationId: s.organisationId, canOrder: !!s.canOrder, isLocalAdmin: !!s.isLocalAdmin, via };
  }
  if (s.kind === 'staff' && s.staffId !== null && s.role !== null && s.staffActive) return { kind: 'staff', staffId: s.staffId, role: s.role, via };
  if (s.kind === 'person') return { kind: 'person', personnummerHash: s.personnummerHash, via };
  return undefined;
}

/** Sent by a page's own timers (the bell, the session warning): such a request is not the person's activity. */
export const BACKGROUND_HEADER = 'X-Background-Poll';

/**
 * The caller, if any: a Bearer token wins over a cookie so integrations never depend on cookies. A
 * session's idle clock restarts unless the request says it is a background poll (or `touch` is false).
 */
export async function resolvePrincipal(db: Db, c: Context, touch = c.req.header(BACKGROUND_HEADER) !== '1'): Promise<Principal | undefined> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '')?.[1];
  if (bearer) return fromToken(db, bearer);
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie ? fromSession(db, cookie, touch) : undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Cookies ride along with cross-site requests; a header only our own pages can set proves the origin. */
export function csrfRefusal(c: Context, p: Principal, fromForm?: string) {
  if (p.via.type !== 'session' || SAFE_METHODS.has(c.req.method)) return undefined;
  // A plain HTML form cannot set a header: the portal's forms carry the token as a field instead.
  const sent = c.req.header(CSRF_HEADER) ?? fromForm ?? '';
  if (sameSecret(sent, p.via.csrfToken)) return undefined;
  return sendProblem(c, problem(403, 'Ogiltig CSRF-kontroll', `Begäran saknar giltigt ${CSRF_HEADER}-huvud. Ladda om sidan och försök igen.`));
}

type KindOf<A extends Audience> = A extends 'person' ? 'person' : A extends 'customer' | 'localAdmin' ? 'customer' : 'staff';
const KIND_OF: Record<Audience, Principal['kind']> = { person: 'person', customer: 'customer', localAdmin: 'customer', staff: 'staff', admin: 'staff' };

export type AuthEnv<K extends Principal['kind'] = Principal['kind']> = {
  Variables: { principal: Extract<Principal, { kind: K }> };
};

const REFUSAL: Record<Audience, string> = {
  person: 'Endast för inloggade personer som ännu saknar konto.',
  customer: 'Endast för kunder med konto.',
  localAdmin: 'Endast för organisationens lokala administratörer.',
  staff: 'Endast för handläggare.',
  admin: 'Endast för administratörer.',
};

/**
 * Lets through callers of the given audiences: 401 without a caller; 403 for another kind of caller, a
 * failed CSRF check, or a caller of the right kind without the role (local administrator, administrator).
 */
export function authorise<A extends Audience>(db: Db, ...audiences: [A, ...A[]]) {
  const kinds = new Set(audiences.map((a) => KIND_OF[a]));
  const refuse = (c: Context, detail: string) => sendProblem(c, problem(403, 'Åtkomst nekad', detail));
  return createMiddleware<AuthEnv<KindOf<A>>>(async (c, next) => {
    // A narrower check inside a wider one (admin within staff) reuses the caller already resolved.
    const principal = (c.var as { principal?: Principal }).principal ?? (await resolvePrincipal(db, c));
    if (!principal) return sendProblem(c, problem(401, 'Inte inloggad', 'Logga in med e-legitimation eller ange en giltig API-nyckel.'));
    if (!kinds.has(principal.kind)) {
      const detail = principal.kind === 'person' && kinds.has('customer') ? 'Skapa ett konto innan du fortsätter.' : audiences.map((a) => REFUSAL[a]).join(' ');
      return refuse(c, detail);
    }
    const csrf = csrfRefusal(c, principal);
    if (csrf) return csrf;
    if (!audiences.some((a) => belongsTo(principal, a))) return refuse(c, audiences.map((a) => REFUSAL[a]).join(' '));
    c.set('principal', principal as Extract<Principal, { kind: KindOf<A> }>);
    await next();
  });
}
