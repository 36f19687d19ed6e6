// The end of an idle session: staying logged in when the page warns (POST /inloggad/fortsatt), the
// time left for the warning script (GET /inloggad/tid-kvar), and the page after it ended (GET /utloggad).
import { Hono } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { CSRF_HEADER, SESSION_COOKIE, csrfRefusal, resolvePrincipal } from '../../api/auth.js';
import { sendProblem } from '../../api/problems.js';
import { deleteSession, touchSession } from '../../db/sessions.js';
import { problem } from '../../domain/index.js';
import { formExpired, type PageGuards } from '../guards.js';
import { securityHeaders, sendPage } from '../http.js';
import { Layout, SESSION_PATHS, loginHref } from '../layout.js';
import { notLoggedIn, sameSitePath, sessionClock } from '../session-end.js';
import { visit } from '../viewer.js';

export function sessionRoutes({ deps }: PageGuards) {
  const app = new Hono();

  // The script sends the CSRF token as a header and wants 204; the plain form gets POST-redirect-GET.
  app.post(SESSION_PATHS.keepAlive, async (c) => {
    const fields = await c.req.parseBody();
    const back = sameSitePath(typeof fields.tillbaka === 'string' ? fields.tillbaka : undefined);
    const fromScript = c.req.header(CSRF_HEADER) !== undefined;
    // Not touched while resolving: it is touched below only once the CSRF check has passed.
    const p = await resolvePrincipal(deps.db, c, false);
    if (!p || p.via.type !== 'session') {
      return fromScript ? sendProblem(c, problem(401, 'Inte inloggad', 'Sessionen har tagit slut. Logga in igen.')) : notLoggedIn(c, back ?? '/mina-sidor');
    }
    const refusal = csrfRefusal(c, p, typeof fields.csrf === 'string' ? fields.csrf : undefined);
    if (refusal) return fromScript ? refusal : formExpired(c, await visit(deps, c), back ?? '/');
    await touchSession(deps.db, p.via.idHash);
    return fromScript ? c.body(null, 204) : c.redirect(back ?? '/', 303);
  });

  // Asked just before the warning and the end, so activity in another tab is not missed. Reading it
  // is not activity: it must not keep the session alive.
  app.get(SESSION_PATHS.timeLeft, async (c) => {
    const clock = sessionClock(await resolvePrincipal(deps.db, c, false));
    securityHeaders(c);
    c.header('Cache-Control', 'no-store');
    // A live session never says 0: the script takes 0 to mean it has ended.
    return c.json({ secondsLeft: clock ? Math.max(1, clock.secondsLeft) : 0 });
  });

  app.get(SESSION_PATHS.ended, async (c) => {
    const back = sameSitePath(c.req.query('tillbaka'));
    // Still logged in (another tab kept the session alive): nothing ended, back to the page.
    if (await resolvePrincipal(deps.db, c, false)) return c.redirect(back ?? '/mina-sidor', 302);
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) {
      await deleteSession(deps.db, cookie);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
    }
    return sendPage(
      c,
      <Layout title="Du har loggats ut" returnTo={back}>
        <h1 class="ds-heading" data-size="lg">
          Du har loggats ut
        </h1>
        <p class="ds-paragraph">
          Du var inaktiv för länge och har loggats ut för att skydda dina uppgifter. Inget av det du inte hade skickat har sparats.
        </p>
        <p class="ds-paragraph">
          <a class="ds-button" data-variant="primary" href={loginHref(back)}>
            Logga in igen
          </a>
        </p>
      </Layout>,
    );
  });

  return app;
}
