// Browser login with e-legitimation (customers and staff), and logout. Sessions are HttpOnly cookies.
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { findAccountIdByPersonnummerHash, findActiveStaffByPersonnummerHash } from '../../db/people.js';
import { createSession, deleteEndedSessions, deleteSession, saveLoginRequest, takeLoginRequest } from '../../db/sessions.js';
import { SESSION_COOKIE, csrfRefusal, resolvePrincipal } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { isLoginMethod } from '../../domain/login-methods.js';
import { methodRefusal } from '../../services/login-methods.js';
import { type OidcClient, createOidcClient } from '../oidc.js';
import { clientAddress, rateLimit } from '../rate-limit.js';
import { messagePage } from '../message-page.js';
import { PUBLIC, errors, openApiApp } from '../openapi/route-kit.js';

const LOGIN_COOKIE = 'kp_login';
type Audience = 'customer' | 'staff';
const DEFAULT_RETURN: Record<Audience, string> = { customer: '/mina-sidor', staff: '/admin/' };

/** Only paths on this site: an open redirect would hand the fresh session's page to anyone. */
const safeReturnTo = (value: string | undefined, audience: Audience) =>
  value && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : DEFAULT_RETURN[audience];

export function authRoutes(deps: ApiDeps) {
  const { db, cipher, auth } = deps;
  const secure = auth.publicUrl.startsWith('https://');
  const clients: Record<Audience, OidcClient> = { customer: createOidcClient(auth.customer), staff: createOidcClient(auth.staff) };
  const callbackPath: Record<Audience, string> = { customer: '/auth/callback', staff: '/auth/staff/callback' };
  const app = openApiApp();
  app.use('*', rateLimit(db, { name: 'login', perMinute: deps.rateLimits.loginsPerMinute, key: clientAddress }));

  async function begin(c: Context, audience: Audience) {
    let login;
    try {
      const method = c.req.query('method');
      login = await clients[audience].begin(auth.publicUrl + callbackPath[audience], isLoginMethod(method) ? method : undefined);
    } catch (err) {
      deps.log?.(`login: identity provider unreachable (${(err as Error).message})`);
      return c.html(messagePage('Inloggningen är inte tillgänglig', 'Tjänsten för e-legitimation svarar inte just nu. Försök igen om en stund.'), 503);
    }
    await saveLoginRequest(db, { ...login, audience, returnTo: safeReturnTo(c.req.query('returnTo'), audience) });
    // Binds the callback to this browser, so nobody can log a victim into the attacker's session.
    setCookie(c, LOGIN_COOKIE, login.state, { httpOnly: true, secure, sameSite: 'Lax', path: '/auth', maxAge: 600 });
    return c.redirect(login.url.href, 302);
  }

  async function callback(c: Context, audience: Audience) {
    const url = new URL(c.req.url);
    const state = url.searchParams.get('state') ?? '';
    const bound = getCookie(c, LOGIN_COOKIE);
    deleteCookie(c, LOGIN_COOKIE, { path: '/auth' });
    const request = state && bound === state ? await takeLoginRequest(db, state) : undefined;
    if (!request || request.audience !== audience) {
      return c.html(messagePage('Inloggningen gick inte att slutföra', 'Inloggningen har gått ut eller startades i en annan webbläsare. Logga in igen.', callbackRestart(audience)), 400);
    }
    if (url.searchParams.has('error')) {
      return c.html(messagePage('Inloggningen avbröts', 'Du avbröt inloggningen eller så nekades den. Du kan försöka igen.', callbackRestart(audience)), 400);
    }
    let person;
    try {
      // The broker sees our public URL; rebuild it so the redirect_uri compared in the exchange matches.
      person = await clients[audience].complete(new URL(callbackPath[audience] + url.search, auth.publicUrl), {
        state: request.state,
        nonce: request.nonce,
        codeVerifier: request.codeVerifier,
      });
    } catch (err) {
      deps.log?.(`login: code exchange failed (${(err as Error).message})`);
      return c.html(messagePage('Inloggningen misslyckades', 'Vi kunde inte verifiera din e-legitimation. Försök igen.', callbackRestart(audience)), 400);
    }
    // Logging in is a step like the others: a method the rule does not allow stops here, before any session.
    const notAllowed = audience === 'customer' ? methodRefusal(deps, 'login', person.authMethod) : undefined;
    if (notAllowed) return c.html(messagePage('Du kan inte logga in med den här e-legitimationen', notAllowed, { href: '/', label: 'Logga in med en annan e-legitimation' }), 403);
    const personnummerHash = cipher.hash(person.personnummer);
    const base = {
      personnummerEnc: cipher.seal(person.personnummer),
      personnummerHash,
      name: person.name,
      authMethod: person.authMethod,
      ttlSeconds: auth.sessionTtlSeconds,
      idleSeconds: auth.sessionIdleSeconds,
    };
    let session;
    if (audience === 'staff') {
      const staffId = await findActiveStaffByPersonnummerHash(db, personnummerHash);
      if (!staffId) return c.html(messagePage('Åtkomst nekad', 'Du är inte registrerad som handläggare i Kundportalen. Kontakta en administratör.'), 403);
      session = await createSession(db, { ...base, kind: 'staff', staffId });
    } else {
      const accountId = await findAccountIdByPersonnummerHash(db, personnummerHash);
      session = await createSession(db, accountId ? { ...base, kind: 'customer', customerAccountId: accountId } : { ...base, kind: 'person' });
    }
    // A new id at every login: a cookie planted before login never becomes a session.
    const previous = getCookie(c, SESSION_COOKIE);
    if (previous) await deleteSession(db, previous);
    await deleteEndedSessions(db);
    setCookie(c, SESSION_COOKIE, session.cookie, { httpOnly: true, secure, sameSite: 'Lax', path: '/', maxAge: auth.sessionTtlSeconds });
    return c.redirect(request.returnTo, 302);
  }

  const callbackRestart = (audience: Audience) => ({ href: audience === 'staff' ? '/auth/staff/login' : '/auth/login', label: 'Logga in igen' });

  app.openapi(loginRoute('customer'), (c) => begin(c, 'customer'));
  app.openapi(callbackRoute('customer'), (c) => callback(c, 'customer'));
  app.openapi(loginRoute('staff'), (c) => begin(c, 'staff'));
  app.openapi(callbackRoute('staff'), (c) => callback(c, 'staff'));

  app.openapi(logoutRoute, async (c) => {
    // The portal's "Logga ut" is a plain form: its CSRF token is a field, and the answer a page.
    const isForm = /^application\/x-www-form-urlencoded\b/i.test(c.req.header('Content-Type') ?? '');
    const form = isForm ? await c.req.parseBody() : undefined;
    const principal = await resolvePrincipal(db, c);
    if (principal) {
      const refusal = csrfRefusal(c, principal, typeof form?.csrf === 'string' ? form.csrf : undefined);
      if (refusal) return refusal;
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) await deleteSession(db, cookie);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return form ? c.redirect('/?utloggad=1', 303) : c.body(null, 204);
  });

  return app;
}

// --- what the OpenAPI document says of these browser steps --------------------------------------------

const tags = ['Inloggning'];
const htmlPage = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' as const } } } });
const query = (name: string, description: string, required = false) => ({ name, in: 'query' as const, required, description, schema: { type: 'string' as const } });
const WHO: Record<Audience, string> = { customer: 'kund', staff: 'handläggare' };

const loginRoute = (audience: Audience) =>
  createRoute({
    method: 'get',
    path: audience === 'staff' ? '/staff/login' : '/login',
    tags,
    operationId: audience === 'staff' ? 'loginStaff' : 'loginCustomer',
    summary: `Logga in som ${WHO[audience]} med e-legitimation`,
    description: `Startar inloggningen: webbläsaren skickas vidare till e-legitimationstjänsten (BankID, Freja eID, SITHS eID) och kommer tillbaka till \`${audience === 'staff' ? '/auth/staff/callback' : '/auth/callback'}\`. Öppnas i webbläsaren, inte med API-anrop.`,
    security: PUBLIC,
    parameters: [
      query('returnTo', `Sökväg på den här webbplatsen att hamna på efter inloggningen; förval \`${DEFAULT_RETURN[audience]}\`.`),
      query('method', 'E-legitimationen att börja med: `bankid`, `freja` eller `siths` (valfritt; skickas till e-legitimationstjänsten som `acr_values`).'),
    ],
    responses: {
      302: { description: 'Vidare till e-legitimationstjänsten.', headers: { Location: { description: 'E-legitimationstjänstens inloggningssida.', schema: { type: 'string' } } } },
      503: htmlPage('E-legitimationstjänsten svarar inte; en sida som säger det.'),
      ...errors(429),
    },
  });

const callbackRoute = (audience: Audience) =>
  createRoute({
    method: 'get',
    path: audience === 'staff' ? '/staff/callback' : '/callback',
    tags,
    operationId: audience === 'staff' ? 'loginStaffCallback' : 'loginCustomerCallback',
    summary: `Tillbaka från e-legitimationstjänsten (${WHO[audience]})`,
    description:
      'E-legitimationstjänsten skickar tillbaka webbläsaren hit. Inloggningen slutförs, sessionskakan `kp_session` sätts och webbläsaren skickas till `returnTo`. En person utan konto får en session där bara `POST /api/v1/account` är möjligt.',
    security: PUBLIC,
    parameters: [
      query('state', 'Inloggningens state, från e-legitimationstjänsten.', true),
      query('code', 'Koden som växlas mot identiteten.'),
      query('error', 'Satt när inloggningen avbröts eller nekades.'),
    ],
    responses: {
      302: {
        description: 'Inloggad: sessionskakan är satt och webbläsaren skickas till `returnTo`.',
        headers: {
          Location: { description: 'Sidan att visa.', schema: { type: 'string' } },
          'Set-Cookie': { description: '`kp_session` (HttpOnly, SameSite=Lax).', schema: { type: 'string' } },
        },
      },
      400: htmlPage('Inloggningen gick ut, avbröts, startades i en annan webbläsare eller kunde inte verifieras.'),
      ...(audience === 'staff' ? { 403: htmlPage('Personen är inte registrerad som handläggare.') } : {}),
      ...errors(429),
    },
  });

const logoutRoute = createRoute({
  method: 'post',
  path: '/logout',
  tags,
  operationId: 'logout',
  summary: 'Logga ut',
  description:
    'Avslutar sessionen och tar bort sessionskakan. Med en giltig session krävs `X-CSRF-Token`, eller fältet `csrf` när begäran är ett formulär (`application/x-www-form-urlencoded`, som portalens knapp Logga ut); ett formulär får svaret 303 till startsidan.',
  security: [{ sessionCookie: [], csrfToken: [] }, {}],
  responses: {
    204: { description: 'Utloggad.' },
    303: { description: 'Utloggad från ett formulär: vidare till startsidan.', headers: { Location: { description: 'Startsidan.', schema: { type: 'string' } } } },
    ...errors(403, 429),
  },
});
