// Mina sidor: the person's ongoing and closed cases (and, for a local administrator, the organisation's).
import { Hono } from 'hono';
import { listCases } from '../../services/cases.js';
import { decodeCursor } from '../../services/paging.js';
import { PAGE_SIZE, type PageGuards } from '../guards.js';
import { sendPage } from '../http.js';
import { type CaseList, MinaSidorPage, type Scope } from '../pages/mina-sidor.js';

/** Said once on Mina sidor after "Skapa nytt konto" (the same words as the API's answer). */
const ACCOUNT_NOTICES: Record<string, string> = {
  skapat: 'Ditt konto är skapat och kopplat till din organisation.',
  'ny-organisation': 'Ditt konto är skapat. Organisationen är registrerad och granskas av oss; när den är verifierad blir du dess lokala administratör.',
  // After "Verifiera ditt konto" (routes/verify-account.tsx).
  verifierat: 'Ditt konto är verifierat. Du har samma roller och behörigheter som tidigare, och dina tidigare ärenden finns bland dina ärenden.',
};

export function minaSidorRoutes({ deps, asCustomer }: PageGuards) {
  const app = new Hono();
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
  return app;
}
