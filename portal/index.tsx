// The customers' web pages at /: server-rendered Swedish HTML that works without JavaScript. Pages
// take the caller from the existing session and ask services/ for everything; no rule lives here.
// Only exact paths are registered (no wildcard), so /api, /auth and /admin are never shadowed.
import { randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { createAccount, personFromLogin } from '../services/accounts.js';
import { sendCustomerMessage } from '../services/case-actions.js';
import { getCase, listCases } from '../services/cases.js';
import type { ServiceDeps } from '../services/deps.js';
import { ServiceError } from '../services/errors.js';
import { countUnread, markAllNotificationsRead, markCaseNotificationsRead, markNotificationRead, notificationPage } from '../services/notifications.js';
import { decodeCursor } from '../services/paging.js';
import type { Customer, Person } from '../services/principal.js';
import { newAccountSchema } from '../domain/accounts.js';
import { messageSchema } from '../domain/case-messages.js';
import { fieldErrors } from '../domain/index.js';
import { assetRoutes } from './assets.js';
import { type FormErrors, intentKey, readForm } from './forms.js';
import { sendPage } from './http.js';
import { loginHref } from './layout.js';
import { AccessibilityPage } from './pages/accessibility.js';
import { CasePage, type ReplyForm } from './pages/case.js';
import { MessagePage } from './pages/message.js';
import { type NewAccountValues, NewAccountPage } from './pages/new-account.js';
import { type CaseList, MinaSidorPage, type Scope } from './pages/mina-sidor.js';
import { NotificationsPage } from './pages/notifications.js';
import { StartPage } from './pages/start.js';
import { type Visit, visit } from './viewer.js';

const PAGE_SIZE = 20;

/** Said once on Mina sidor after "Skapa nytt konto" (the same words as the API's answer). */
const ACCOUNT_NOTICES: Record<string, string> = {
  skapat: 'Ditt konto är skapat och kopplat till din organisation.',
  'ny-organisation': 'Ditt konto är skapat. Organisationen är registrerad och granskas av oss; när den är verifierad blir du dess lokala administratör.',
};

/** The error summary lists fields in the order the form shows them. */
const FORM_ORDER = ['organisationsnummer', 'organisationName', 'unitName', 'name', 'email', 'notifyByEmail', 'confirmed'];
const inFormOrder = (errors: FormErrors) => [...errors].sort((a, b) => FORM_ORDER.indexOf(a.field) - FORM_ORDER.indexOf(b.field));

/** The path and query the person asked for, to come back to after logging in. */
const here = (c: Context) => {
  const url = new URL(c.req.url);
  return url.pathname + url.search;
};

/** A form from another page or an older session: nothing was done, and the person is told so. */
const formExpired = (c: Context, v: Visit, back: string) =>
  sendPage(
    c,
    <MessagePage
      viewer={v.viewer}
      title="Formuläret har gått ut"
      text="Inget har ändrats. Formuläret kom från en sida som visades före din senaste inloggning. Gå tillbaka, ladda om sidan och försök igen."
      link={{ href: back, label: 'Tillbaka' }}
    />,
    403,
  );

export function portalRoutes(deps: ServiceDeps) {
  const app = new Hono();
  app.route('/', assetRoutes());

  /** A customer's page: others are sent to log in, to the account page, or told it is not for them. */
  async function asCustomer(c: Context, render: (p: Customer, v: Visit) => Promise<Response>, returnTo = here(c)) {
    const v = await visit(deps, c);
    const p = v.principal;
    if (!p) return c.redirect(loginHref(returnTo), 302);
    if (p.kind === 'person') return c.redirect('/skapa-konto', 302);
    if (p.kind === 'staff') {
      return sendPage(
        c,
        <MessagePage
          viewer={v.viewer}
          title="Mina sidor är för kunder"
          text="Du är inloggad som handläggare. Ärendena handläggs i handläggarnas verktyg."
          link={{ href: '/admin/', label: 'Gå till handläggarnas verktyg' }}
        />,
        403,
      );
    }
    return render(p, v);
  }

  app.get('/', async (c) => sendPage(c, <StartPage viewer={(await visit(deps, c)).viewer} loggedOut={c.req.query('utloggad') === '1'} />));

  app.get('/tillganglighetsredogorelse', async (c) => sendPage(c, <AccessibilityPage viewer={(await visit(deps, c)).viewer} />));

  /** Skapa nytt konto: only for a person logged in without one; the form comes back with its errors. */
  async function asPerson(c: Context, render: (p: Person, v: Visit) => Promise<Response>) {
    const v = await visit(deps, c);
    const p = v.principal;
    if (!p) return c.redirect(loginHref('/skapa-konto'), 302);
    if (p.kind === 'customer') return c.redirect('/mina-sidor', 302);
    if (p.kind === 'staff') {
      return sendPage(c, <MessagePage viewer={v.viewer} title="Du är handläggare" text="Handläggare behöver inget kundkonto." link={{ href: '/admin/', label: 'Gå till handläggarnas verktyg' }} />, 403);
    }
    return render(p, v);
  }

  app.get('/skapa-konto', (c) =>
    asPerson(c, async (p, v) =>
      sendPage(c, <NewAccountPage viewer={v.viewer} person={personFromLogin(deps, p)} values={{ notifyByEmail: true, confirmed: false }} errors={[]} />),
    ),
  );

  app.post('/skapa-konto', (c) =>
    asPerson(c, async (p, v) => {
      const form = await readForm(c, p);
      if (!form) return formExpired(c, v, '/skapa-konto');
      const values: NewAccountValues = {
        organisationsnummer: form.organisationsnummer,
        organisationName: form.organisationName,
        unitName: form.unitName,
        name: form.name,
        email: form.email,
        notifyByEmail: form.notifyByEmail === 'ja',
        confirmed: form.confirmed === 'ja',
      };
      const again = (errors: FormErrors) =>
        sendPage(c, <NewAccountPage viewer={v.viewer} person={personFromLogin(deps, p)} values={values} errors={errors} />, 400);
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
    }),
  );

  app.get('/mina-sidor', (c) =>
    asCustomer(c, async (p, v) => {
      const q = c.req.query();
      const scope: Scope = q.visa === 'organisation' && p.isLocalAdmin ? 'organisation' : 'own';
      const cursors = { ongoing: q.pagaende, closed: q.avslutade };
      const list = async (status: 'ongoing' | 'closed'): Promise<CaseList> => {
        const cursor = cursors[status] ? decodeCursor(cursors[status]) : undefined;
        const page = await listCases(deps, p, { status, scope, cursor, limit: PAGE_SIZE });
        return { ...page, paged: cursor !== undefined };
      };
      const [ongoing, closed] = await Promise.all([list('ongoing'), list('closed')]);
      const href = (change: { scope?: Scope; ongoing?: string | null; closed?: string | null }) => {
        const params = new URLSearchParams();
        if ((change.scope ?? scope) === 'organisation') params.set('visa', 'organisation');
        const o = change.ongoing === undefined ? cursors.ongoing : change.ongoing;
        const cl = change.closed === undefined ? cursors.closed : change.closed;
        if (o) params.set('pagaende', o);
        if (cl) params.set('avslutade', cl);
        const query = params.toString();
        return query ? `/mina-sidor?${query}` : '/mina-sidor';
      };
      const notice = q.konto && Object.hasOwn(ACCOUNT_NOTICES, q.konto) ? ACCOUNT_NOTICES[q.konto] : undefined;
      return sendPage(c, <MinaSidorPage viewer={v.viewer} notice={notice} ongoing={ongoing} closed={closed} scope={scope} mayChooseScope={p.isLocalAdmin} href={href} />);
    }),
  );

  app.get('/mina-sidor/arenden/:caseNumber', (c) =>
    asCustomer(c, async (p, v) => {
      let found;
      try {
        found = await getCase(deps, p, c.req.param('caseNumber'));
      } catch (err) {
        if (!(err instanceof ServiceError) || (err.kind !== 'not-found' && err.kind !== 'refused')) throw err;
        return sendPage(
          c,
          <MessagePage
            viewer={v.viewer}
            title="Ärendet finns inte"
            text="Vi hittar inget ärende med det numret bland dina ärenden. Kontrollera ärendenumret."
            link={{ href: '/mina-sidor', label: 'Till Mina sidor' }}
          />,
          404,
        );
      }
      // Opening the case reads its notifications: the bell on this very page counts without them.
      await markCaseNotificationsRead(deps, p, found.row.caseNumber);
      const sent = c.req.query('skickat');
      const notice = sent === 'ja' ? 'Ditt meddelande är skickat.' : sent === 'snart' ? 'Ditt meddelande är mottaget och syns här om en liten stund.' : undefined;
      return caseView(c, p, v, found, { key: randomUUID(), errors: [] }, notice);
    }),
  );

  async function caseView(c: Context, p: Customer, v: Visit, found: Awaited<ReturnType<typeof getCase>>, reply: ReplyForm, notice?: string) {
    const viewer = v.viewer && { ...v.viewer, unread: await countUnread(deps, p) };
    const details = { ...found.row, submission: found.submission, timeline: found.timeline };
    return sendPage(c, <CasePage viewer={viewer} details={details} viewerAccountId={p.accountId} reply={reply} notice={notice} />, reply.errors.length ? 400 : 200);
  }

  app.post('/mina-sidor/arenden/:caseNumber/meddelande', (c) => {
    const caseNumber = c.req.param('caseNumber');
    const back = `/mina-sidor/arenden/${encodeURIComponent(caseNumber)}`;
    return asCustomer(
      c,
      async (p, v) => {
        const form = await readForm(c, p);
        if (!form) return formExpired(c, v, back);
        const key = intentKey(form) ?? randomUUID();
        const parsed = messageSchema.safeParse({ body: form.body ?? '' });
        const again = async (errors: FormErrors) => caseView(c, p, v, await getCase(deps, p, caseNumber), { key, body: form.body, errors });
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

  app.get('/mina-sidor/notiser', (c) =>
    asCustomer(c, async (p, v) => {
      const from = c.req.query('fran');
      const cursor = from ? decodeCursor(from) : undefined;
      const page = await notificationPage(deps, p, { unreadOnly: false, cursor, limit: PAGE_SIZE });
      const nextHref = page.nextCursor ? `/mina-sidor/notiser?fran=${encodeURIComponent(page.nextCursor)}` : null;
      return sendPage(c, <NotificationsPage viewer={v.viewer} items={page.items} unread={page.unread} nextHref={nextHref} paged={cursor !== undefined} />);
    }),
  );

  /** A form that acts: checked for this session's CSRF token, then back to the page (POST-redirect-GET). */
  const act = (back: string, action: (p: Customer, c: Context) => Promise<unknown>) => (c: Context) =>
    asCustomer(c, async (p, v) => {
      if (!(await readForm(c, p))) return formExpired(c, v, back);
      try {
        await action(p, c);
      } catch (err) {
        if (!(err instanceof ServiceError) || err.kind !== 'not-found') throw err;
      }
      return c.redirect(back, 303);
    }, back);

  app.post('/mina-sidor/notiser/las-alla', act('/mina-sidor/notiser', (p) => markAllNotificationsRead(deps, p)));
  app.post(
    '/mina-sidor/notiser/:id{[0-9]+}/las',
    act('/mina-sidor/notiser', (p, c) => markNotificationRead(deps, p, Number(c.req.param('id')))),
  );

  return app;
}

/** Paths of the API and the back office answer problem+json or their own app; the rest are pages. */
const NOT_PAGES = /^\/(api|auth|admin|health)(\/|$)/;

/** A Swedish page for a browser that asked for a page that does not exist; undefined for everyone else. */
export function portalNotFound(deps: ServiceDeps) {
  return async (c: Context) => {
    if (!['GET', 'HEAD'].includes(c.req.method) || NOT_PAGES.test(c.req.path) || !(c.req.header('Accept') ?? '').includes('text/html')) return undefined;
    const v = await visit(deps, c);
    return sendPage(
      c,
      <MessagePage
        viewer={v.viewer}
        title="Sidan finns inte"
        text="Vi hittar ingen sida med den adressen. Kontrollera adressen, eller börja om från startsidan."
        link={{ href: '/', label: 'Till startsidan' }}
      />,
      404,
    );
  };
}
