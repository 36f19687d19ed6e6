// The staff session (GET /api/v1/session): who is logged in, and the CSRF token for mutations.
import type { StaffSession } from '../types';

export const SESSION_URL = '/api/v1/session';
export const LOGIN_URL = '/auth/staff/login?returnTo=/admin/';
export const LOGOUT_URL = '/auth/logout';

type SessionBody = { kind?: string } & Partial<StaffSession>;

let current: SessionBody | null = null;
let pending: Promise<SessionBody | null> | null = null;

/** Reads the session from the server; null when nobody is logged in. Concurrent callers share one request. */
export function fetchSession(): Promise<SessionBody | null> {
  pending ??= (async () => {
    try {
      const response = await fetch(SESSION_URL, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      current = response.ok ? ((await response.json()) as SessionBody) : null;
      return current;
    } finally {
      pending = null;
    }
  })();
  return pending;
}

/** The last session read, without a request. */
export const cachedSession = () => current;

export function clearSession() {
  current = null;
}

export const isStaffSession = (session: SessionBody | null): session is StaffSession =>
  session?.kind === 'staff' && typeof session.csrfToken === 'string';

/** The CSRF token of the staff session, read from the server if not known yet. */
export async function csrfToken(): Promise<string | undefined> {
  const session = isStaffSession(current) ? current : await fetchSession();
  return isStaffSession(session) ? session.csrfToken : undefined;
}
