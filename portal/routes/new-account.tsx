// Skapa nytt konto: for a person logged in with e-legitimation who has no account yet.
import { type Context, Hono } from 'hono';
import { newAccountSchema } from '../../domain/accounts.js';
import { fieldErrors } from '../../domain/index.js';
import { createAccount, personFromLogin } from '../../services/accounts.js';
import { ServiceError } from '../../services/errors.js';
import type { Person } from '../../services/principal.js';
import { type FormErrors, readForm } from '../forms.js';
import { formExpired, type PageGuards } from '../guards.js';
import { sendPage } from '../http.js';
import { refuseMethod } from '../method-refusal.js';
import { type NewAccountValues, NewAccountPage } from '../pages/new-account.js';
import type { Visit } from '../viewer.js';

/** The error summary lists fields in the order the form shows them. */
const FORM_ORDER = ['organisationsnummer', 'organisationName', 'unitName', 'name', 'email', 'notifyByEmail', 'confirmed'];
const inFormOrder = (errors: FormErrors) => [...errors].sort((a, b) => FORM_ORDER.indexOf(a.field) - FORM_ORDER.indexOf(b.field));

export function newAccountRoutes({ deps, asPerson }: PageGuards) {
  const app = new Hono();

  app.get('/skapa-konto', (c) =>
    asPerson(
      c,
      async (p, v) =>
        refuseMethod(c, deps, v, p, 'create_account', '/skapa-konto') ??
        sendPage(c, <NewAccountPage viewer={v.viewer} person={personFromLogin(deps, p)} values={{ notifyByEmail: true, confirmed: false }} errors={[]} />),
    ),
  );

  async function submit(c: Context, p: Person, v: Visit) {
    const form = await readForm(c, p);
    if (!form) return formExpired(c, v, '/skapa-konto');
    const refusal = refuseMethod(c, deps, v, p, 'create_account', '/skapa-konto');
    if (refusal) return refusal;
    const values: NewAccountValues = {
      organisationsnummer: form.organisationsnummer,
      organisationName: form.organisationName,
      unitName: form.unitName,
      name: form.name,
      email: form.email,
      notifyByEmail: form.notifyByEmail === 'ja',
      confirmed: form.confirmed === 'ja',
    };
    const again = (errors: FormErrors) => sendPage(c, <NewAccountPage viewer={v.viewer} person={personFromLogin(deps, p)} values={values} errors={errors} />, 400);
    const parsed = newAccountSchema.safeParse({ ...values, organisationName: values.organisationName ?? '', unitName: values.unitName ?? '' });
    if (!parsed.success) return again(inFormOrder(fieldErrors(parsed.error)));
    try {
      const created = await createAccount(deps, p, parsed.data);
      return c.redirect(`/mina-sidor?konto=${created.registeredOrganisation ? 'ny-organisation' : 'skapat'}`, 303);
    } catch (err) {
      if (err instanceof ServiceError && err.kind === 'invalid') return again(inFormOrder(err.extra.errors ?? []));
      if (err instanceof ServiceError && err.kind === 'conflict') return c.redirect('/mina-sidor', 303);
      throw err;
    }
  }

  app.post('/skapa-konto', (c) => asPerson(c, (p, v) => submit(c, p, v)));
  return app;
}
