// Beskriv ärendet: choosing what the case is about, its fields, adding and removing SITHS rows without
// JavaScript, and the submission through services/cases.ts submitCase (the API's own path), then the
// receipt. Bad input comes back to the form with an error summary and writes nothing.
import { randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { CASE_TYPES, type CaseType, ORDER_RIGHT_REQUIRED, caseRequestSchema, fieldErrors } from '../../domain/index.js';
import { contactFromAccount, myAccount } from '../../services/accounts.js';
import { SUBMITTED_TEXT, getCase, submitCase, submittableCaseTypes } from '../../services/cases.js';
import { ServiceError } from '../../services/errors.js';
import type { Customer } from '../../services/principal.js';
import { type FormErrors, intentKey, readForm } from '../forms.js';
import { caseNotFound, formExpired, type PageGuards } from '../guards.js';
import { sendPage } from '../http.js';
import { type NewCaseValues, applyRowChange, caseRequestInput, formErrors, readValues, rowChange, valuesFromContact } from '../new-case-form.js';
import { MessagePage } from '../pages/message.js';
import { NEW_CASE_PATH, NewCasePage } from '../pages/new-case.js';
import { ReceiptPage } from '../pages/receipt.js';
import { casePath } from '../paths.js';
import type { Visit } from '../viewer.js';

const receiptPath = (caseNumber: string) => `${casePath(caseNumber)}/kvitto`;

const CHOOSE_TYPE = 'Välj vad ärendet gäller';
const NO_ORDER_RIGHT_CHOICE = 'Du kan inte göra beställningar. Välj något av de andra alternativen.';

const isCaseType = (value: string | undefined): value is CaseType => CASE_TYPES.includes(value as CaseType);

export function newCaseRoutes({ deps, asCustomer }: PageGuards) {
  const app = new Hono();
  const schema = caseRequestSchema({ pickupOffices: deps.pickupOffices });

  async function accountContact(p: Customer) {
    return contactFromAccount(deps.cipher, await myAccount(deps, p.accountId));
  }

  /** The page with the first step, and the chosen type's form when there is one. */
  async function page(
    c: Context,
    p: Customer,
    v: Visit,
    o: { type?: CaseType; typeError?: string; key?: string; values?: NewCaseValues; errors?: FormErrors; rowNotice?: string; focus?: string },
    status: 200 | 400 = 200,
  ) {
    const account = await accountContact(p);
    const form = o.type && {
      type: o.type,
      key: o.key ?? randomUUID(),
      values: o.values ?? valuesFromContact(account),
      errors: o.errors ?? [],
      account,
      pickupOffices: deps.pickupOffices,
      rowNotice: o.rowNotice,
      focus: o.focus,
    };
    return sendPage(c, <NewCasePage viewer={v.viewer} types={submittableCaseTypes(p)} mayOrder={p.canOrder} typeError={o.typeError} form={form} />, status);
  }

  /** An order from someone without the right: the same refusal submitCase gives, as a page. */
  const noOrderRight = (c: Context, v: Visit, detail: string) =>
    sendPage(c, <MessagePage viewer={v.viewer} title="Behörighet saknas" text={detail} link={{ href: NEW_CASE_PATH, label: 'Tillbaka till Beskriv ärendet' }} />, 403);

  app.get(NEW_CASE_PATH, (c) =>
    asCustomer(c, async (p, v) => {
      const typ = c.req.query('typ');
      if (typ === undefined) return page(c, p, v, c.req.query('steg') ? { typeError: CHOOSE_TYPE } : {}, c.req.query('steg') ? 400 : 200);
      if (!isCaseType(typ)) return page(c, p, v, { typeError: CHOOSE_TYPE }, 400);
      if (!submittableCaseTypes(p).includes(typ)) return page(c, p, v, { typeError: NO_ORDER_RIGHT_CHOICE }, 400);
      return page(c, p, v, { type: typ });
    }),
  );

  app.post(NEW_CASE_PATH, (c) =>
    asCustomer(c, async (p, v) => {
      const form = await readForm(c, p);
      if (!form) return formExpired(c, v, NEW_CASE_PATH);
      const type = form.type;
      if (!isCaseType(type)) return page(c, p, v, { typeError: CHOOSE_TYPE }, 400);
      if (!submittableCaseTypes(p).includes(type)) return noOrderRight(c, v, ORDER_RIGHT_REQUIRED);
      const key = intentKey(form) ?? randomUUID();
      const values = readValues(form);

      const change = type === 'siths_order' ? rowChange(form) : undefined;
      if (change) {
        const changed = applyRowChange(values.rows, change);
        return page(c, p, v, { type, key, values: { ...values, rows: changed.rows }, rowNotice: changed.notice, focus: changed.focus });
      }

      const again = (errors: FormErrors) => page(c, p, v, { type, key, values, errors: formErrors(errors) }, 400);
      const parsed = schema.safeParse(caseRequestInput(type, values, await accountContact(p)));
      if (!parsed.success) return again(fieldErrors(parsed.error));
      try {
        const { row } = await submitCase(deps, p, parsed.data, key);
        return c.redirect(receiptPath(row.caseNumber), 303);
      } catch (err) {
        if (!(err instanceof ServiceError)) throw err;
        if (err.kind === 'invalid') return again(err.extra.errors ?? []);
        if (err.kind === 'refused') return noOrderRight(c, v, err.detail);
        if (err.kind === 'idempotency-conflict') {
          return sendPage(
            c,
            <MessagePage
              viewer={v.viewer}
              title="Formuläret är redan inskickat"
              text="Det här formuläret har redan skickats in en gång, med andra uppgifter. Ditt ärende finns under Mina sidor. Vill du skicka in ett nytt ärende börjar du om."
              link={{ href: NEW_CASE_PATH, label: 'Skicka in nytt ärende' }}
            />,
            400,
          );
        }
        throw err;
      }
    }),
  );

  app.get('/mina-sidor/arenden/:caseNumber/kvitto', (c) =>
    asCustomer(c, async (p, v) => {
      try {
        const { row } = await getCase(deps, p, c.req.param('caseNumber'));
        return sendPage(c, <ReceiptPage viewer={v.viewer} caseNumber={row.caseNumber} text={SUBMITTED_TEXT} />);
      } catch (err) {
        if (!(err instanceof ServiceError) || (err.kind !== 'not-found' && err.kind !== 'refused')) throw err;
        return caseNotFound(c, v);
      }
    }),
  );

  return app;
}
