// The case page (Visa detaljer) and what a customer does there.
import { randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { messageSchema } from '../../domain/case-messages.js';
import { fieldErrors } from '../../domain/index.js';
import { sendCustomerMessage } from '../../services/case-actions.js';
import { getCase } from '../../services/cases.js';
import { ServiceError } from '../../services/errors.js';
import { countUnread, markCaseNotificationsRead } from '../../services/notifications.js';
import type { Customer } from '../../services/principal.js';
import type { ServiceDeps } from '../../services/deps.js';
import { type FormErrors, intentKey, readForm } from '../forms.js';
import { formExpired, type PageGuards } from '../guards.js';
import { sendPage } from '../http.js';
import { CasePage, type ReplyForm } from '../pages/case.js';
import { MessagePage } from '../pages/message.js';
import type { Visit } from '../viewer.js';

export const casePath = (caseNumber: string) => `/mina-sidor/arenden/${encodeURIComponent(caseNumber)}`;

/** The case as the page shows it, with the bell counted after this case's notifications were read. */
export async function caseView(deps: ServiceDeps, c: Context, p: Customer, v: Visit, found: Awaited<ReturnType<typeof getCase>>, reply: ReplyForm, notice?: string) {
  const viewer = v.viewer && { ...v.viewer, unread: await countUnread(deps, p) };
  const details = { ...found.row, submission: found.submission, timeline: found.timeline };
  return sendPage(c, <CasePage viewer={viewer} details={details} viewerAccountId={p.accountId} reply={reply} notice={notice} />, reply.errors.length ? 400 : 200);
}

const notFoundPage = (c: Context, v: Visit) =>
  sendPage(
    c,
    <MessagePage
      viewer={v.viewer}
      title="Ärendet finns inte"
      text="Vi hittar inget ärende med det numret bland dina ärenden. Kontrollera ärendenumret."
      link={{ href: '/mina-sidor', label: 'Till Mina sidor' }}
    />,
    404,
  );

export function caseRoutes({ deps, asCustomer }: PageGuards) {
  const app = new Hono();

  app.get('/mina-sidor/arenden/:caseNumber', (c) =>
    asCustomer(c, async (p, v) => {
      let found;
      try {
        found = await getCase(deps, p, c.req.param('caseNumber'));
      } catch (err) {
        if (!(err instanceof ServiceError) || (err.kind !== 'not-found' && err.kind !== 'refused')) throw err;
        return notFoundPage(c, v);
      }
      // Opening the case reads its notifications: the bell on this very page counts without them.
      await markCaseNotificationsRead(deps, p, found.row.caseNumber);
      const sent = c.req.query('skickat');
      const notice = sent === 'ja' ? 'Ditt meddelande är skickat.' : sent === 'snart' ? 'Ditt meddelande är mottaget och syns här om en liten stund.' : undefined;
      return caseView(deps, c, p, v, found, { key: randomUUID(), errors: [] }, notice);
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

  return app;
}
