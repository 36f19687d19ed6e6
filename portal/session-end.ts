// When an idle session ends: how long a page has left, and where a browser whose session ended goes.
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../api/auth.js';
import type { Principal } from '../services/principal.js';
import { endedHref, loginHref } from './layout.js';

/** Only paths on this site: an open redirect would send a person anywhere from our own link. */
export const sameSitePath = (value: string | undefined) => (value && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : undefined);

/** Whole seconds until the session's idle timeout, rounded down so a page warns early rather than late. */
export function sessionClock(p: Principal | undefined) {
  if (p?.via.type !== 'session') return undefined;
  return { secondsLeft: Math.max(0, Math.floor((p.via.idleEndsAt.getTime() - Date.now()) / 1000)), idleSeconds: p.via.idleSeconds };
}

/**
 * Nobody logged in. A browser that still sends a session cookie had a session that has ended: it is
 * told so before logging in again; anyone else goes straight to the login.
 */
export const notLoggedIn = (c: Context, returnTo: string) => c.redirect(getCookie(c, SESSION_COOKIE) ? endedHref(returnTo) : loginHref(returnTo), 302);
