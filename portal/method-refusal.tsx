// A page step the session's e-legitimation may not take: the page answers with the seed's explanation
// and ways to log in again, instead of the form. The rule itself is services/login-methods.ts.
import type { Context } from 'hono';
import type { ServiceDeps } from '../services/deps.js';
import { type LoginStep, allowedMethods, methodRefusal } from '../services/login-methods.js';
import type { Person } from '../services/principal.js';
import { sendPage } from './http.js';
import { LoginMethodRefusedPage } from './pages/login-method-refused.js';
import type { Visit } from './viewer.js';

const TITLES: Record<LoginStep, string> = {
  login: 'Du kan inte logga in med den här e-legitimationen',
  create_account: 'Du kan inte skapa konto med den här e-legitimationen',
  verify_account: 'Du kan inte verifiera konto med den här e-legitimationen',
};

/** The refusal page when the person's method may not take `step` here; undefined when it may. */
export function refuseMethod(c: Context, deps: ServiceDeps, v: Visit, p: Person, step: LoginStep, returnTo: string) {
  const explanation = methodRefusal(deps, step, p.via.authMethod);
  if (!explanation) return undefined;
  return sendPage(c, <LoginMethodRefusedPage viewer={v.viewer} title={TITLES[step]} explanation={explanation} allowed={allowedMethods(deps, step)} returnTo={returnTo} />, 403);
}
