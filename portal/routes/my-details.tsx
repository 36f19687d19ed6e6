// Mina uppgifter: the customer's contact details and the e-mail choice, checked with the schema the
// JSON API uses and saved through the same service; POST-redirect-GET.
import { type Context, Hono } from 'hono';
import { contactDetailsSchema } from '../../domain/accounts.js';
import { fieldErrors, maskPersonnummer, swedishErrorMap } from '../../domain/index.js';
import { accountPersonnummer, myAccount, updateMyDetails } from '../../services/accounts.js';
import type { ServiceDeps } from '../../services/deps.js';
import type { Customer } from '../../services/principal.js';
import { type FormErrors, readForm } from '../forms.js';
import { formExpired, type PageGuards } from '../guards.js';
import { sendPage } from '../http.js';
import { MyDetailsPage, type MyDetailsValues } from '../pages/my-details.js';
import type { Visit } from '../viewer.js';

const PATH = '/mina-sidor/uppgifter';

/** The error summary lists fields in the order the form shows them. */
const FORM_ORDER = ['name', 'email', 'unitName', 'notifyByEmail'];
const inFormOrder = (errors: FormErrors) => [...errors].sort((a, b) => FORM_ORDER.indexOf(a.field) - FORM_ORDER.indexOf(b.field));

const fixedDetails = (deps: ServiceDeps, a: Awaited<ReturnType<typeof myAccount>>) => ({
  organisationName: a.organisationName,
  organisationsnummer: a.organisationsnummer,
  maskedPersonnummer: maskPersonnummer(accountPersonnummer(deps.cipher, a)),
});

export function myDetailsRoutes({ deps, asCustomer }: PageGuards) {
  const app = new Hono();

  async function show(c: Context, p: Customer, v: Visit, form?: { values: MyDetailsValues; errors: FormErrors }) {
    const account = await myAccount(deps, p.accountId);
    const values = form?.values ?? { name: account.name, email: account.email, unitName: account.unitName ?? '', notifyByEmail: account.notifyByEmail };
    const notice = !form && c.req.query('sparat') === 'ja' ? 'Dina uppgifter är sparade.' : undefined;
    const errors = form?.errors ?? [];
    const page = <MyDetailsPage viewer={v.viewer} isLocalAdmin={p.isLocalAdmin} fixed={fixedDetails(deps, account)} values={values} errors={errors} notice={notice} />;
    return sendPage(c, page, errors.length ? 400 : 200);
  }

  app.get(PATH, (c) => asCustomer(c, (p, v) => show(c, p, v)));

  app.post(PATH, (c) =>
    asCustomer(c, async (p, v) => {
      const form = await readForm(c, p);
      if (!form) return formExpired(c, v, PATH);
      const values: MyDetailsValues = { name: form.name, email: form.email, unitName: form.unitName, notifyByEmail: form.notifyByEmail === 'ja' };
      const parsed = contactDetailsSchema.safeParse(
        { name: values.name ?? '', email: values.email ?? '', unitName: values.unitName ?? '', notifyByEmail: values.notifyByEmail },
        { error: swedishErrorMap },
      );
      if (!parsed.success) return show(c, p, v, { values, errors: inFormOrder(fieldErrors(parsed.error)) });
      await updateMyDetails(deps, p.accountId, parsed.data);
      return c.redirect(`${PATH}?sparat=ja`, 303);
    }),
  );

  return app;
}
