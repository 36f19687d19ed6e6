// What every portal route needs before it renders: who is looking, sending others to log in or to
// the right place, and a refusal page for forms from another session. Routes in routes/ share these.
import { type Context } from 'hono';
import type { ServiceDeps } from '../services/deps.js';
import { ServiceError } from '../services/errors.js';
import type { Customer, Person } from '../services/principal.js';
import { readForm } from './forms.js';
import { sendPage } from './http.js';
import { MessagePage } from './pages/message.js';
import { notLoggedIn } from './session-end.js';
import { type Visit, visit } from './viewer.js';

export const PAGE_SIZE = 20;

/** The path and query the person asked for, to come back to after logging in. */
export const here = (c: Context) => {
  const url = new URL(c.req.url);
  return url.pathname + url.search;
};

/** A form from another page or an older session: nothing was done, and the person is told so. */
export const formExpired = (c: Context, v: Visit, back: string) =>
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

/** A case that is not there or not the person's: the same words either way, so nothing is revealed. */
export const caseNotFound = (c: Context, v: Visit) =>
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

export type PageGuards = ReturnType<typeof pageGuards>;

export function pageGuards(deps: ServiceDeps) {
  /** A customer's page: others are sent to log in, to the account page, or told it is not for them. */
  async function asCustomer(c: Context, render: (p: Customer, v: Visit) => Promise<Response>, returnTo = here(c)) {
    const v = await visit(deps, c);
    const p = v.principal;
    if (!p) return notLoggedIn(c, returnTo);
    // No account yet: the choice of verifying an earlier account or creating a new one.
    if (p.kind === 'person') return c.redirect('/valj-konto', 302);
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

  /** Skapa nytt konto, Verifiera ditt konto: only for a person logged in without an account. */
  async function asPerson(c: Context, render: (p: Person, v: Visit) => Promise<Response>) {
    const v = await visit(deps, c);
    const p = v.principal;
    if (!p) return notLoggedIn(c, here(c));
    if (p.kind === 'customer') return c.redirect('/mina-sidor', 302);
    if (p.kind === 'staff') {
      return sendPage(c, <MessagePage viewer={v.viewer} title="Du är handläggare" text="Handläggare behöver inget kundkonto." link={{ href: '/admin/', label: 'Gå till handläggarnas verktyg' }} />, 403);
    }
    return render(p, v);
  }

  /** A form that acts: checked for this session's CSRF token, then back to the page (POST-redirect-GET). */
  const act =
    (back: string | ((c: Context) => string), action: (p: Customer, c: Context, form: Record<string, string>) => Promise<unknown>) => (c: Context) => {
      const to = typeof back === 'string' ? back : back(c);
      return asCustomer(
        c,
        async (p, v) => {
          const form = await readForm(c, p);
          if (!form) return formExpired(c, v, to);
          try {
            await action(p, c, form);
          } catch (err) {
            if (!(err instanceof ServiceError) || err.kind !== 'not-found') throw err;
          }
          return c.redirect(to, 303);
        },
        to,
      );
    };

  return { deps, asCustomer, asPerson, act };
}
