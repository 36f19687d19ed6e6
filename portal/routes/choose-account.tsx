// The first page of a person logged in without an account: verify an earlier account or create one.
import { Hono } from 'hono';
import type { ServiceDeps } from '../../services/deps.js';
import { type LoginStep, allowedMethods, methodRefusal } from '../../services/login-methods.js';
import type { Person } from '../../services/principal.js';
import type { PageGuards } from '../guards.js';
import { sendPage } from '../http.js';
import { ChooseAccountPage, type StepRefusal } from '../pages/choose-account.js';

const refusalFor = (deps: ServiceDeps, p: Person, step: LoginStep): StepRefusal => {
  const explanation = methodRefusal(deps, step, p.via.authMethod);
  return explanation ? { explanation, allowed: allowedMethods(deps, step) } : undefined;
};

export function chooseAccountRoutes({ deps, asPerson }: PageGuards) {
  const app = new Hono();
  app.get('/valj-konto', (c) =>
    asPerson(c, async (p, v) =>
      sendPage(c, <ChooseAccountPage viewer={v.viewer} verify={refusalFor(deps, p, 'verify_account')} create={refusalFor(deps, p, 'create_account')} />),
    ),
  );
  return app;
}
