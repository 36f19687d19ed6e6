// E-legitimation sessions and the short-lived state of a login in progress.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from './client.js';
import type { SessionKind } from './tables/auth.js';

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');
export const randomToken = () => randomBytes(32).toString('base64url');

export interface NewSession {
  kind: SessionKind;
  customerAccountId?: number | null;
  staffId?: number | null;
  personnummerEnc: string;
  personnummerHash: string;
  name: string;
  authMethod: string;
  ttlSeconds: number;
  idleSeconds: number;
}

/** Creates a session and returns the cookie value; only its hash is stored. */
export async function createSession(db: Executor, s: NewSession): Promise<{ cookie: string; csrfToken: string }> {
  const cookie = randomToken();
  const csrfToken = randomToken();
  await db
    .insertInto('sessions')
    .values({
      idHash: sha256(cookie),
      kind: s.kind,
      customerAccountId: s.customerAccountId ?? null,
      staffId: s.staffId ?? null,
      personnummerEnc: s.personnummerEnc,
      personnummerHash: s.personnummerHash,
      name: s.name,
      authMethod: s.authMethod,
      csrfToken,
      expiresAt: new Date(Date.now() + s.ttlSeconds * 1000),
      idleSeconds: s.idleSeconds,
    })
    .execute();
  return { cookie, csrfToken };
}

/**
 * The live session behind a cookie, with the roles of its account or staff member as they are now.
 * `touch: false` reads without counting as activity (a page's background poll must not keep it alive).
 */
export async function findLiveSession(db: Executor, cookie: string, o: { touch?: boolean } = {}) {
  const idHash = sha256(cookie);
  const row = await db
    .selectFrom('sessions as s')
    .leftJoin('customer_accounts as a', 'a.id', 's.customerAccountId')
    .leftJoin('staff as st', 'st.id', 's.staffId')
    .select([
      's.idHash',
      's.kind',
      's.customerAccountId',
      's.staffId',
      's.personnummerEnc',
      's.personnummerHash',
      's.name',
      's.authMethod',
      's.csrfToken',
      's.lastSeenAt',
      's.idleSeconds',
      'a.organisationId',
      'a.canOrder',
      'a.isLocalAdmin',
      'st.role',
      'st.active as staffActive',
    ])
    .where('s.idHash', '=', idHash)
    .where('s.expiresAt', '>', sql<Date>`now()`)
    .where(sql<boolean>`s.last_seen_at + make_interval(secs => s.idle_seconds) > now()`)
    .executeTakeFirst();
  // Touch at most once a minute: one write per request would make every read a write.
  if (row && o.touch !== false && Date.now() - row.lastSeenAt.getTime() > 60_000) {
    row.lastSeenAt = new Date();
    await db.updateTable('sessions').set({ lastSeenAt: row.lastSeenAt }).where('idHash', '=', idHash).execute();
  }
  return row;
}

/** The person asked to stay logged in: the idle clock starts again now. */
export const touchSession = (db: Executor, idHash: string) => db.updateTable('sessions').set({ lastSeenAt: new Date() }).where('idHash', '=', idHash).execute();


export const deleteSession = (db: Executor, cookie: string) =>
  db.deleteFrom('sessions').where('idHash', '=', sha256(cookie)).execute();

/** After account creation the person's session becomes a customer session. */
export const attachAccountToSession = (db: Executor, idHash: string, accountId: number) =>
  db.updateTable('sessions').set({ kind: 'customer', customerAccountId: accountId }).where('idHash', '=', idHash).execute();

/** Ended sessions (past their end or idle too long) are only clutter; each new login sweeps them. */
export const deleteEndedSessions = (db: Executor) =>
  db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expiresAt', '<', sql<Date>`now()`), eb(sql<Date>`last_seen_at + make_interval(secs => idle_seconds)`, '<', sql<Date>`now()`)]))
    .execute();

export async function saveLoginRequest(
  db: Executor,
  r: { state: string; audience: 'customer' | 'staff'; codeVerifier: string; nonce: string; returnTo: string },
) {
  await db
    .insertInto('login_requests')
    .values({
      state: r.state,
      audience: r.audience,
      codeVerifier: r.codeVerifier,
      nonce: r.nonce,
      returnTo: r.returnTo,
      expiresAt: new Date(Date.now() + 10 * 60_000),
    })
    .execute();
  // Abandoned logins leave rows behind; sweep them as new ones arrive.
  await db.deleteFrom('login_requests').where('expiresAt', '<', new Date()).execute();
}

/** Single use: the row is deleted as it is read, so a replayed callback finds nothing. */
export const takeLoginRequest = (db: Executor, state: string) =>
  db
    .deleteFrom('login_requests')
    .where('state', '=', state)
    .where('expiresAt', '>', new Date())
    .returningAll()
    .executeTakeFirst();
