// Min organisation: a local administrator gives and takes away members' roles through changeMemberRoles,
// the service behind PUT /api/v1/organisation/members/{id}/roles, so the same refusals apply; a refusal
// is shown on the page, never as an error status of the server.
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { ServiceError, notFound } from '../../services/errors.js';
import { changeMemberRoles, listMembers, localAdministratorNames, myOrganisation } from '../../services/organisation.js';
import type { Customer } from '../../services/principal.js';
import { readForm } from '../forms.js';
import { formExpired, type PageGuards } from '../guards.js';
import { sendPage } from '../http.js';
import { type MemberRow, NotLocalAdminPage, OrganisationPage, type RoleRefusal } from '../pages/organisation.js';
import type { Visit } from '../viewer.js';

const PATH = '/mina-sidor/organisation';

/** What one role button sends: which role, and whether to give or take it away. */
const roleForm = z.object({ roll: z.enum(['bestalla', 'admin']), ge: z.enum(['ja', 'nej']) });
type RoleForm = z.infer<typeof roleForm>;

/** A member id from the path; anything else (or too long for an id) is no member. */
const memberIdOf = (value: string) => (/^\d{1,15}$/.test(value) ? Number(value) : undefined);

const noticeFor = (m: MemberRow, f: RoleForm) =>
  f.roll === 'bestalla'
    ? `${m.name} ${f.ge === 'ja' ? 'får nu beställa' : 'får inte längre beställa'}.`
    : `${m.name} ${f.ge === 'ja' ? 'är nu lokal administratör' : 'är inte längre lokal administratör'}.`;

/** The notice after a change, said only while it is still true: an old or made-up link claims nothing. */
function changeNotice(query: string | undefined, members: MemberRow[]) {
  const [id, roll, ge] = (query ?? '').split('-');
  const f = roleForm.safeParse({ roll, ge });
  const m = members.find((x) => String(x.id) === id);
  if (!f.success || !m) return undefined;
  const now = f.data.roll === 'bestalla' ? m.canOrder : m.isLocalAdmin;
  return now === (f.data.ge === 'ja') ? noticeFor(m, f.data) : undefined;
}

export function organisationRoutes({ deps, asCustomer }: PageGuards) {
  const app = new Hono();

  /** A local administrator's page; every other customer is told whom to ask, and nothing is done. */
  const asLocalAdmin = (c: Context, render: (p: Customer, v: Visit) => Promise<Response>) =>
    asCustomer(
      c,
      async (p, v) => (p.isLocalAdmin ? render(p, v) : sendPage(c, <NotLocalAdminPage viewer={v.viewer} administrators={await localAdministratorNames(deps, p)} />, 403)),
      PATH,
    );

  const page = async (c: Context, p: Customer, v: Visit, o: { notice?: string; refusal?: RoleRefusal; status?: 200 | 400 | 404 } = {}) => {
    const [organisation, members] = await Promise.all([myOrganisation(deps, p), listMembers(deps, p)]);
    const notice = o.notice ?? changeNotice(c.req.query('andrat'), members);
    return sendPage(
      c,
      <OrganisationPage viewer={v.viewer} organisation={organisation} members={members} viewerAccountId={p.accountId} notice={notice} refusal={o.refusal} />,
      o.status ?? 200,
    );
  };

  app.get(PATH, (c) => asLocalAdmin(c, (p, v) => page(c, p, v)));

  app.post(`${PATH}/medlemmar/:id/roller`, (c) =>
    asLocalAdmin(c, async (p, v) => {
      const form = await readForm(c, p);
      if (!form) return formExpired(c, v, PATH);
      const parsed = roleForm.safeParse(form);
      const memberId = memberIdOf(c.req.param('id'));
      if (!parsed.success) return page(c, p, v, { refusal: { text: 'Formuläret var ofullständigt. Ladda om sidan och försök igen.' }, status: 400 });
      const grant = parsed.data.ge === 'ja';
      try {
        if (memberId === undefined) throw notFound('Personen finns inte i din organisation.');
        await changeMemberRoles(deps, p, memberId, parsed.data.roll === 'bestalla' ? { canOrder: grant } : { isLocalAdmin: grant });
      } catch (err) {
        if (!(err instanceof ServiceError)) throw err;
        const refusal = { text: err.detail, hint: err.extra.errors?.[0]?.message };
        return page(c, p, v, { refusal, status: err.kind === 'not-found' ? 404 : 400 });
      }
      return c.redirect(`${PATH}?andrat=${memberId}-${parsed.data.roll}-${parsed.data.ge}`, 303);
    }),
  );

  return app;
}
