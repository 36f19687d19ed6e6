// The case page (Visa detaljer) and what a customer does there: write to the handler, download the
// case as PDF, and withdraw it after a confirmation step.
import { randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { casePdfFile } from '../../api/pdf/case-pdf-file.js';
import { messageSchema, withdrawSchema } from '../../domain/case-messages.js';
import { checkTransition, fieldErrors, swedishErrorMap } from '../../domain/index.js';
import { sendCustomerMessage, withdrawCase } from '../../services/case-actions.js';
import { getCase } from '../../services/cases.js';
import { ServiceError } from '../../services/errors.js';
import { countUnread, markCaseNotificationsRead } from '../../services/notifications.js';
import type { Customer } from '../../services/principal.js';
import type { ServiceDeps } from '../../services/deps.js';
import { type FormErrors, intentKey, readForm } from '../forms.js';
import { caseNotFound, formExpired, type PageGuards } from '../guards.js';
import { sendPage } from '../http.js';
import { CasePage } from '../pages/case.js';
import type { ReplyForm } from '../pages/case-parts.js';
import { MessagePage } from '../pages/message.js';
import { WithdrawPage, type WithdrawForm } from '../pages/withdraw.js';
import { casePath } from '../paths.js';
import type { Visit } from '../viewer.js';


/** One-time notices after a redirect, by query parameter and value: done at once, or still under way. */
const NOTICES: Record<string, Record<string, string>> = {
  skickat: { ja: 'Ditt meddelande är skickat.', snart: 'Ditt meddelande är mottaget och syns här om en liten stund.' },
  aterkallat: { ja: 'Ärendet är återkallat och avslutat.', snart: 'Din återkallelse är mottagen och syns här om en liten stund.' },
};
const noticeOf = (c: Context) => Object.entries(NOTICES).map(([name, texts]) => texts[c.req.query(name) ?? '']).find(Boolean);

/** The case as the page shows it, with the bell counted after this case's notifications were read. */
export async function caseView(deps: ServiceDeps, c: Context, p: Customer, v: Visit, found: Awaited<ReturnType<typeof getCase>>, reply: ReplyForm, notice?: string) {
  const viewer = v.viewer && { ...v.viewer, unread: await countUnread(deps, p) };
  const details = { ...found.row, submission: found.submission, timeline: found.timeline };
  return sendPage(c, <CasePage viewer={viewer} details={details} viewerAccountId={p.accountId} reply={reply} notice={notice} />, reply.errors.length ? 400 : 200);
}


/** A withdrawal the case's status does not allow: the reason in words, and the way back. */
const cannotWithdrawPage = (c: Context, v: Visit, caseNumber: string, reason: string) =>
  sendPage(
    c,
    <MessagePage viewer={v.viewer} title="Ärendet kan inte återkallas" text={reason} link={{ href: casePath(caseNumber), label: 'Tillbaka till ärendet' }} />,
    409,
  );

/** The case the customer may see, or undefined when it is not there for them (the page says so). */
async function findCase(deps: ServiceDeps, p: Customer, caseNumber: string) {
  try {
    return await getCase(deps, p, caseNumber);
  } catch (err) {
    if (err instanceof ServiceError && (err.kind === 'not-found' || err.kind === 'refused')) return undefined;
    throw err;
  }
}

export function caseRoutes({ deps, asCustomer }: PageGuards) {
  const app = new Hono();

  app.get('/mina-sidor/arenden/:caseNumber', (c) =>
    asCustomer(c, async (p, v) => {
      const found = await findCase(deps, p, c.req.param('caseNumber'));
      if (!found) return caseNotFound(c, v);
      // Opening the case reads its notifications: the bell on this very page counts without them.
      await markCaseNotificationsRead(deps, p, found.row.caseNumber);
      return caseView(deps, c, p, v, found, { key: randomUUID(), errors: [] }, noticeOf(c));
    }),
  );

  app.get('/mina-sidor/arenden/:caseNumber/pdf', (c) =>
    asCustomer(c, async (p, v) => {
      try {
        const file = await casePdfFile(deps, p, c.req.param('caseNumber'));
        return c.body(file.bytes, 200, file.headers);
      } catch (err) {
        if (err instanceof ServiceError && err.kind === 'not-found') return caseNotFound(c, v);
        throw err;
      }
    }),
  );

  app.post('/mina-sidor/arenden/:caseNumber/meddelande', (c) => {
    const caseNumber = c.req.param('caseNumber');
    const back = casePath(caseNumber);
    return asCustomer(
      c,
      async (p, v) => {
        const form = await readForm(c, p);
        if (!form) return formExpired(c, v, back);
        const key = intentKey(form) ?? randomUUID();
        const parsed = messageSchema.safeParse({ body: form.body ?? '' });
        const again = async (errors: FormErrors) => caseView(deps, c, p, v, await getCase(deps, p, caseNumber), { key, body: form.body, errors });
        if (!parsed.success) return again(fieldErrors(parsed.error));
        try {
          const result = await sendCustomerMessage(deps, p, caseNumber, parsed.data.body, key);
          return c.redirect(`${back}?skickat=${result.done ? 'ja' : 'snart'}`, 303);
        } catch (err) {
          if (err instanceof ServiceError && err.kind === 'conflict') return again([{ field: 'body', message: err.detail }]);
          // Not theirs or not there: the case page says so in Swedish.
          if (err instanceof ServiceError && err.kind === 'not-found') return c.redirect(back, 303);
          throw err;
        }
      },
      back,
    );
  });

  /** The confirmation page, or why the case cannot be withdrawn. */
  async function withdrawPage(c: Context, v: Visit, found: NonNullable<Awaited<ReturnType<typeof findCase>>>, form: WithdrawForm) {
    const { caseNumber, subject, status } = found.row;
    const allowed = checkTransition(status, 'withdraw');
    if (!allowed.ok) return cannotWithdrawPage(c, v, caseNumber, allowed.reason);
    const page = <WithdrawPage viewer={v.viewer} caseNumber={caseNumber} subject={subject} casePath={casePath(caseNumber)} form={form} />;
    return sendPage(c, page, form.errors.length ? 400 : 200);
  }

  app.get('/mina-sidor/arenden/:caseNumber/aterkalla', (c) =>
    asCustomer(c, async (p, v) => {
      const found = await findCase(deps, p, c.req.param('caseNumber'));
      if (!found) return caseNotFound(c, v);
      return withdrawPage(c, v, found, { key: randomUUID(), errors: [] });
    }),
  );

  app.post('/mina-sidor/arenden/:caseNumber/aterkalla', (c) => {
    const caseNumber = c.req.param('caseNumber');
    const back = casePath(caseNumber);
    return asCustomer(
      c,
      async (p, v) => {
        const form = await readForm(c, p);
        if (!form) return formExpired(c, v, `${back}/aterkalla`);
        const key = intentKey(form) ?? randomUUID();
        const parsed = withdrawSchema.safeParse({ reason: form.reason || undefined }, { error: swedishErrorMap });
        if (!parsed.success) {
          const found = await findCase(deps, p, caseNumber);
          if (!found) return caseNotFound(c, v);
          const errors = fieldErrors(parsed.error).map((e) => ({ ...e, message: `Skälet: ${e.message.charAt(0).toLowerCase()}${e.message.slice(1)}` }));
          return withdrawPage(c, v, found, { key, reason: form.reason, errors });
        }
        try {
          // Always asked of the workflow, even for a case that looks closed: the same form sent again
          // joins the first withdrawal by its key and lands where the first did.
          const result = await withdrawCase(deps, p, caseNumber, parsed.data.reason, key);
          return c.redirect(`${back}?aterkallat=${result.done ? 'ja' : 'snart'}`, 303);
        } catch (err) {
          if (err instanceof ServiceError && err.kind === 'conflict') return cannotWithdrawPage(c, v, caseNumber, err.detail);
          if (err instanceof ServiceError && err.kind === 'not-found') return caseNotFound(c, v);
          throw err;
        }
      },
      back,
    );
  });

  return app;
}
