// Staff login through e-legitimation (OIDC on the API side); the session cookie does the rest.
import type { AuthProvider } from 'react-admin';
import { roleCanAccess } from './access';
import { LOGIN_URL, LOGOUT_URL, cachedSession, clearSession, fetchSession, isStaffSession } from './session';

/** The staff session, read from the server only when not known yet; null when nobody is logged in. */
async function staffSession() {
  const session = isStaffSession(cachedSession()) ? cachedSession() : await fetchSession();
  return isStaffSession(session) ? session : null;
}

export const authProvider: AuthProvider = {
  // The login page navigates the browser; the API answers with the cookie and sends it back to /admin/.
  async login() {
    window.location.assign(LOGIN_URL);
    // Never settles: the page is being replaced.
    return new Promise<void>(() => undefined);
  },

  async logout() {
    const session = cachedSession();
    clearSession();
    if (isStaffSession(session)) {
      await fetch(LOGOUT_URL, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'X-CSRF-Token': session.csrfToken },
      }).catch(() => undefined);
    }
  },

  async checkAuth() {
    const session = await fetchSession();
    if (isStaffSession(session)) return;
    // A customer's session does not open the back office; say so instead of a silent redirect.
    if (session) throw { message: 'Du är inloggad som kund. Back office är till för handläggare.' };
    throw { message: false };
  },

  async checkError(error: { status?: number; message?: string }) {
    if (error?.status === 401) {
      clearSession();
      throw { message: 'Sessionen har gått ut. Logga in igen.' };
    }
    // 403: logged in but the role is not enough; stay logged in and tell why.
    if (error?.status === 403) throw { logoutUser: false, message: error.message || 'ra.notification.not_authorized' };
  },

  async getIdentity() {
    const session = await staffSession();
    if (!session) throw new Error('Inte inloggad');
    return { id: session.id, fullName: session.name };
  },

  async canAccess(params) {
    return roleCanAccess((await staffSession())?.role, params);
  },
};
