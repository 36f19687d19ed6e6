// Which e-legitimation may be used for which step: logging in, creating an account, and verifying an
// account from the earlier portal. The one place this rule lives; pages and the API ask it.
import { type LoginMethod, LOGIN_METHODS, LOGIN_METHOD_NAMES, isLoginMethod, methodList } from '../domain/login-methods.js';
import type { ServiceDeps } from './deps.js';
import { refused } from './errors.js';

export const LOGIN_METHOD_REFUSED_TYPE = 'https://kundportal.se/problems/login-method-not-allowed';

export type LoginStep = 'login' | 'create_account' | 'verify_account';
export type LoginMethodRules = Record<LoginStep, readonly LoginMethod[]>;

/**
 * Inera's page: everyone with an account may log in with Bank-id, Freja e-id or SITHS eID, but "just nu"
 * SITHS eID can neither create an account nor verify one from the earlier portal. Config overrides it
 * (LOGIN_METHODS_LOGIN, LOGIN_METHODS_CREATE_ACCOUNT, LOGIN_METHODS_VERIFY_ACCOUNT).
 */
export const DEFAULT_LOGIN_METHOD_RULES: LoginMethodRules = {
  login: LOGIN_METHODS,
  create_account: ['bankid', 'freja'],
  verify_account: ['bankid', 'freja'],
};

const rules = (deps: Pick<ServiceDeps, 'loginMethods'>) => deps.loginMethods ?? DEFAULT_LOGIN_METHOD_RULES;

export const allowedMethods = (deps: Pick<ServiceDeps, 'loginMethods'>, step: LoginStep): readonly LoginMethod[] => rules(deps)[step];

/** The session keeps the method as the identity provider named it; anything we do not know is not allowed. */
export const methodAllowed = (deps: Pick<ServiceDeps, 'loginMethods'>, step: LoginStep, authMethod: string) =>
  isLoginMethod(authMethod) && allowedMethods(deps, step).includes(authMethod);

/** The seed's sentences, built from the rule, so a changed configuration changes the words too. */
export function refusalText(deps: Pick<ServiceDeps, 'loginMethods'>, step: LoginStep, method: LoginMethod): string {
  const name = LOGIN_METHOD_NAMES[method];
  const others = allowedMethods(deps, step);
  switch (step) {
    case 'login':
      return `Just nu går det inte att logga in med ${name}.${others.length ? ` Använd ${methodList(others)} för att logga in.` : ''}`;
    case 'create_account':
      return `Observera att det inte går att skapa konto med ${name} just nu.${others.length ? ` Använd ${methodList(others)} för att skapa ett konto.` : ''}`;
    case 'verify_account':
      return `Just nu går det inte att verifiera konto med ${name}.${others.length ? ` Använd ${methodList(others)} för att verifiera ditt konto.` : ''}`;
  }
}

/** What the start page says of each step some method may not take, in the seed's words. */
export const restrictionNotes = (deps: Pick<ServiceDeps, 'loginMethods'>) =>
  (['login', 'create_account', 'verify_account'] as const).flatMap((step) =>
    LOGIN_METHODS.filter((m) => !allowedMethods(deps, step).includes(m)).map((m) => ({ step, text: refusalText(deps, step, m) })),
  );

/** The refusal for a step the session's method may not take; undefined when it may. */
export function methodRefusal(deps: Pick<ServiceDeps, 'loginMethods'>, step: LoginStep, authMethod: string): string | undefined {
  if (methodAllowed(deps, step, authMethod)) return undefined;
  return isLoginMethod(authMethod) ? refusalText(deps, step, authMethod) : 'Den e-legitimation du loggade in med går inte att använda här. Logga in igen med en annan e-legitimation.';
}

/** Throws the refusal for a step the method may not take: the API answers it as 403 with the explanation. */
export function requireMethodFor(deps: Pick<ServiceDeps, 'loginMethods'>, step: LoginStep, authMethod: string) {
  const text = methodRefusal(deps, step, authMethod);
  if (text) throw refused(text, { title: 'E-legitimationen kan inte användas för det här', type: LOGIN_METHOD_REFUSED_TYPE });
}
