// Who is looking at a page, from the existing session (api/auth.ts), and what the header shows of them.
import type { Context } from 'hono';
import { resolvePrincipal } from '../api/auth.js';
import { whoAmI } from '../services/accounts.js';
import type { ServiceDeps } from '../services/deps.js';
import { countUnread } from '../services/notifications.js';
import type { Principal } from '../services/principal.js';
import type { Viewer } from './layout.js';
import { sessionClock } from './session-end.js';

export interface Visit {
  principal: Principal | undefined;
  viewer: Viewer | undefined;
}

export async function visit(deps: ServiceDeps, c: Context): Promise<Visit> {
  const principal = await resolvePrincipal(deps.db, c);
  if (!principal) return { principal, viewer: undefined };
  const csrfToken = principal.via.type === 'session' ? principal.via.csrfToken : undefined;
  const session = sessionClock(principal);
  const who = await whoAmI(deps, principal);
  if (who.principal.kind === 'customer' && principal.kind === 'customer') {
    const name = 'account' in who && who.account ? who.account.name : principal.via.type === 'session' ? principal.via.name : '';
    return { principal, viewer: { name, unread: await countUnread(deps, principal), csrfToken, session } };
  }
  const name = 'staff' in who && who.staff ? who.staff.name : principal.via.type === 'session' ? principal.via.name : '';
  return { principal, viewer: { name, csrfToken, session } };
}
