// The end of an idle session over HTTP: every page says when it ends and carries the warning;
// background polls (the bell, the warning's own check) do not keep it alive; Fortsätt vara inloggad
// restarts its clock; a customer page asked for with an ended session lands on the page that says so,
// and a form sent with one writes nothing. Sessions are aged by moving last_seen_at back in Postgres.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sithsOrder } from '../scripts/sample-cases.js';
import { type BrowserSession, logInWithELegitimation } from './helpers/browser-session.js';
import { type Harness, sleep, startHarness } from './helpers/harness.js';
import { loginableCustomer } from './helpers/portal-customer.js';

let h: Harness;
let caseNumber: string;
let who: Awaited<ReturnType<typeof loginableCustomer>>;
let idle: number;

beforeAll(async () => {
  h = await startHarness();
  idle = h.apiDeps.auth.sessionIdleSeconds;
  const submitted = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: sithsOrder(h.customerEmail, 1) });
  expect(submitted.status).toBe(201);
  caseNumber = submitted.json.caseNumber;
  // Taking the case notifies the customer: an unread notification for "mark all read" to act on.
  expect((await h.staffAction(caseNumber, 'take')).status).toBe(200);
  for (let i = 0; (await unread()) === 0; i++) {
    if (i > 200) throw new Error('taking the case left no notification');
    await sleep(100);
  }
  who = await loginableCustomer(h, '19790523');
});
afterAll(() => h?.stop());

const unread = async () => (await h.api('GET', '/api/v1/notifications/unread-count', { token: h.customerToken })).json.unread as number;
const logIn = () => logInWithELegitimation(h.baseUrl, who);

/** The session cookie's value, kept so a request can still send it after the server ended the session. */
const cookieOf = (s: BrowserSession) => /kp_session=([^;]+)/.exec(s.jar.header(`${h.baseUrl}/`) ?? '')![1]!;
const idHash = (cookie: string) => createHash('sha256').update(cookie).digest('hex');
const lastSeen = async (cookie: string) =>
  (await h.db.selectFrom('sessions').select('lastSeenAt').where('idHash', '=', idHash(cookie)).executeTakeFirstOrThrow()).lastSeenAt.getTime();
/** Makes the session look idle for `seconds`. */
const idleFor = (cookie: string, seconds: number) =>
  h.db
    .updateTable('sessions')
    .set({ lastSeenAt: sql<Date>`now() - make_interval(secs => ${seconds})` })
    .where('idHash', '=', idHash(cookie))
    .execute();

function send(cookie: string | undefined, method: string, path: string, o: { form?: Record<string, string>; headers?: Record<string, string> } = {}) {
  return fetch(h.baseUrl + path, {
    method,
    redirect: 'manual',
    headers: {
      ...(cookie ? { cookie: `kp_session=${cookie}` } : {}),
      ...(o.form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
      ...o.headers,
    },
    body: o.form ? new URLSearchParams(o.form).toString() : undefined,
  });
}

const attr = (html: string, name: string) => /<body[^>]*>/.exec(html)![0].match(new RegExp(`${name}="(\\d+)"`))?.[1];

describe('the idle session in the portal', () => {
  it('every page of a session says how long its idle time has left and carries the warning', async () => {
    const s = await logIn();
    const cookie = cookieOf(s);
    const html = await (await send(cookie, 'GET', '/mina-sidor')).text();
    expect(Number(attr(html, 'data-session-left'))).toBeGreaterThan(idle - 10);
    expect(Number(attr(html, 'data-session-left'))).toBeLessThanOrEqual(idle);
    expect(attr(html, 'data-session-idle')).toBe(String(idle));
    expect(html).toContain('<dialog id="kp-session-varning"');
    expect(html).toContain('Du loggas snart ut');
    expect(html).toContain('Om du inte gör något loggas du ut om 2 minuter.');
    expect(html).toMatch(/<form method="post" action="\/inloggad\/fortsatt"[^>]*>.*?name="csrf" value="[\w-]{40,}".*?Fortsätt vara inloggad/s);
    for (const script of ['session-timeout.js', 'bell.js']) {
      expect(html).toContain(`<script src="/assets/portal/${script}" defer`);
      const res = await fetch(`${h.baseUrl}/assets/portal/${script}`);
      expect(res.status, script).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/javascript');
    }

    // Taken from the session row, not from the clock: 30 idle seconds are 30 fewer left (a touch
    // happens only after a minute).
    await idleFor(cookie, 30);
    const later = Number(attr(await (await send(cookie, 'GET', '/mina-sidor')).text(), 'data-session-left'));
    expect(later).toBeGreaterThan(idle - 40);
    expect(later).toBeLessThanOrEqual(idle - 30);

    const visitor = await (await send(undefined, 'GET', '/')).text();
    expect(attr(visitor, 'data-session-left')).toBeUndefined();
    expect(visitor).not.toContain('kp-session-varning');
  });

  it('background polls are not activity: the bell and the time left leave the idle clock alone', async () => {
    const cookie = cookieOf(await logIn());
    await idleFor(cookie, 600);
    const before = await lastSeen(cookie);
    const poll = { 'X-Background-Poll': '1' };
    const count = await send(cookie, 'GET', '/api/v1/notifications/unread-count', { headers: poll });
    expect(count.status).toBe(200);
    expect(await count.json()).toEqual({ unread: expect.any(Number) });
    const left = await send(cookie, 'GET', '/inloggad/tid-kvar');
    expect(left.headers.get('cache-control')).toBe('no-store');
    const { secondsLeft } = (await left.json()) as { secondsLeft: number };
    expect(secondsLeft).toBeGreaterThan(idle - 610);
    expect(secondsLeft).toBeLessThanOrEqual(idle - 600);
    expect(await lastSeen(cookie)).toBe(before);

    // The person's own request restarts it.
    expect((await send(cookie, 'GET', '/api/v1/notifications/unread-count')).status).toBe(200);
    expect(await lastSeen(cookie)).toBeGreaterThan(Date.now() - 5000);
  });

  it('Fortsätt vara inloggad restarts the idle clock, from the script and as a plain form', async () => {
    const s = await logIn();
    const cookie = cookieOf(s);
    const csrf = s.session.csrfToken as string;
    await idleFor(cookie, 600);
    const idleSince = await lastSeen(cookie);

    const forged = await send(cookie, 'POST', '/inloggad/fortsatt', { headers: { 'X-CSRF-Token': 'inte-rätt' } });
    expect(forged.status).toBe(403);
    expect(await lastSeen(cookie)).toBe(idleSince);

    const kept = await send(cookie, 'POST', '/inloggad/fortsatt', { headers: { 'X-CSRF-Token': csrf } });
    expect(kept.status).toBe(204);
    expect(await lastSeen(cookie)).toBeGreaterThan(Date.now() - 5000);
    const { secondsLeft } = (await (await send(cookie, 'GET', '/inloggad/tid-kvar')).json()) as { secondsLeft: number };
    expect(secondsLeft).toBeGreaterThan(idle - 10);

    await idleFor(cookie, 600);
    const form = await send(cookie, 'POST', '/inloggad/fortsatt', { form: { csrf, tillbaka: '/mina-sidor/notiser' } });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe('/mina-sidor/notiser');
    expect(await lastSeen(cookie)).toBeGreaterThan(Date.now() - 5000);
    // Only paths on this site.
    const away = await send(cookie, 'POST', '/inloggad/fortsatt', { form: { csrf, tillbaka: '//elak.example/' } });
    expect(away.headers.get('location')).toBe('/');
    const stale = await send(cookie, 'POST', '/inloggad/fortsatt', { form: { csrf: 'gammal', tillbaka: '/mina-sidor' } });
    expect(stale.status).toBe(403);
    expect(await stale.text()).toContain('Formuläret har gått ut');
  });

  it('a customer page asked for with an ended session lands on the page that says so, which ends it for good', async () => {
    const cookie = cookieOf(await logIn());
    await idleFor(cookie, idle + 5);
    for (const path of ['/mina-sidor', '/mina-sidor/notiser', `/mina-sidor/arenden/${caseNumber}`]) {
      const res = await send(cookie, 'GET', path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location'), path).toBe(`/utloggad?tillbaka=${encodeURIComponent(path)}`);
    }
    // The script's own calls: nothing left, and Fortsätt is too late.
    expect(await (await send(cookie, 'GET', '/inloggad/tid-kvar')).json()).toEqual({ secondsLeft: 0 });
    expect((await send(cookie, 'POST', '/inloggad/fortsatt', { headers: { 'X-CSRF-Token': 'vad-som-helst' } })).status).toBe(401);
    const lateForm = await send(cookie, 'POST', '/inloggad/fortsatt', { form: { csrf: 'vad-som-helst', tillbaka: '/mina-sidor/notiser' } });
    expect(lateForm.headers.get('location')).toBe('/utloggad?tillbaka=%2Fmina-sidor%2Fnotiser');

    const page = await send(cookie, 'GET', '/utloggad?tillbaka=%2Fmina-sidor%2Fnotiser');
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(html).toContain('<title>Du har loggats ut – Kundportal</title>');
    expect(html).toContain('Du var inaktiv för länge och har loggats ut för att skydda dina uppgifter. Inget av det du inte hade skickat har sparats.');
    expect(html).toMatch(/<a class="ds-button" data-variant="primary" href="\/auth\/login\?returnTo=%2Fmina-sidor%2Fnotiser">\s*Logga in igen/);
    expect(page.headers.getSetCookie().join('\n')).toMatch(/kp_session=;.*Max-Age=0/);
    expect(await h.db.selectFrom('sessions').select('idHash').where('idHash', '=', idHash(cookie)).executeTakeFirst()).toBeUndefined();
    // The cookie gone, the next visit goes straight to the login.
    expect((await send(undefined, 'GET', '/mina-sidor')).headers.get('location')).toBe('/auth/login?returnTo=%2Fmina-sidor');
    // Only paths on this site go into the link.
    expect(await (await send(undefined, 'GET', '/utloggad?tillbaka=https%3A%2F%2Felak.example')).text()).toContain('href="/auth/login?returnTo=%2Fmina-sidor"');
  });

  it('the ended-session page sends someone still logged in back where they were', async () => {
    const cookie = cookieOf(await logIn());
    const res = await send(cookie, 'GET', '/utloggad?tillbaka=%2Fmina-sidor%2Fnotiser');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/mina-sidor/notiser');
    expect(await lastSeen(cookie)).toBeGreaterThan(0);
  });

  it('a form sent with an ended session writes nothing and lands on the ended-session page', async () => {
    const s = await logIn();
    const cookie = cookieOf(s);
    const csrf = s.session.csrfToken as string;
    const messages = () =>
      h.db
        .selectFrom('case_messages as m')
        .innerJoin('cases as c', 'c.id', 'm.caseId')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('c.caseNumber', '=', caseNumber)
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    const path = `/mina-sidor/arenden/${caseNumber}/meddelande`;

    // The same form with a live session writes: the check below can tell.
    const first = await messages();
    const sent = await send(cookie, 'POST', path, { form: { csrf, body: 'Kortet hämtas på fredag.', nyckel: `levande-${Date.now()}-nyckel` } });
    expect(sent.status).toBe(303);
    await expect.poll(messages, { timeout: 20_000 }).toBe(first + 1);

    const unreadBefore = await unread();
    expect(unreadBefore).toBeGreaterThan(0);
    await idleFor(cookie, idle + 5);
    const late = await send(cookie, 'POST', path, { form: { csrf, body: 'Skrivet efter att sessionen tog slut.', nyckel: `slut-${Date.now()}-nyckeln` } });
    expect(late.status).toBe(302);
    expect(late.headers.get('location')).toBe(`/utloggad?tillbaka=${encodeURIComponent(`/mina-sidor/arenden/${caseNumber}`)}`);
    const readAll = await send(cookie, 'POST', '/mina-sidor/notiser/las-alla', { form: { csrf } });
    expect(readAll.headers.get('location')).toBe('/utloggad?tillbaka=%2Fmina-sidor%2Fnotiser');
    await sleep(1500);
    expect(await messages()).toBe(first + 1);
    expect(await unread()).toBe(unreadBefore);
    // Nor was the ended session woken by the attempt.
    expect(await lastSeen(cookie)).toBeLessThan(Date.now() - idle * 1000);
  });
});
