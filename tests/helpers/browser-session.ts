// A browser without a browser: logs in through /auth and the local identity provider over HTTP,
// keeps the cookies, and sends the CSRF header on writes like the portal's pages would.
import { expect } from 'vitest';
import { DevIdpCookieJar, type DevLoginPerson, signInAtDevIdp } from '../../idp/dev-login.js';

export type BrowserSession = Awaited<ReturnType<typeof logInWithELegitimation>>;

export function cookieClient(baseUrl: string, jar = new DevIdpCookieJar()) {
  async function send(method: string, path: string, o: { body?: unknown; headers?: Record<string, string> } = {}) {
    const url = new URL(path, baseUrl).href;
    const cookie = jar.header(url);
    const res = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(o.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...o.headers,
      },
      body: o.body !== undefined ? JSON.stringify(o.body) : undefined,
    });
    jar.store(url, res.headers.getSetCookie());
    return res;
  }
  return { jar, send };
}

/** Logs `who` in as customer or staff and returns a client holding the session cookie. */
export async function logInWithELegitimation(baseUrl: string, who: DevLoginPerson, audience: 'customer' | 'staff' = 'customer') {
  const { jar, send } = cookieClient(baseUrl);
  const start = await send('GET', audience === 'staff' ? '/auth/staff/login' : '/auth/login');
  expect(start.status).toBe(302);
  const authorizationUrl = start.headers.get('location')!;
  expect(new URL(authorizationUrl).searchParams.get('code_challenge_method')).toBe('S256');
  const callback = await signInAtDevIdp(authorizationUrl, who);
  const landed = await send('GET', callback);
  const location = landed.headers.get('location');

  let csrfToken = '';
  async function api(method: string, path: string, o: { body?: unknown; csrf?: boolean } = {}) {
    const res = await send(method, path, {
      body: o.body,
      headers: o.csrf === false || method === 'GET' ? {} : { 'X-CSRF-Token': csrfToken },
    });
    const type = res.headers.get('content-type') ?? '';
    const payload = type.includes('json') ? await res.json() : type.includes('pdf') ? Buffer.from(await res.arrayBuffer()) : await res.text();
    return { status: res.status, headers: res.headers, json: payload as any };
  }
  /** What the portal's plain forms send: urlencoded fields with the session's cookie. */
  function postForm(path: string, fields: Record<string, string>) {
    const url = new URL(path, baseUrl).href;
    return fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', cookie: jar.header(url)! },
      body: new URLSearchParams(fields).toString(),
    });
  }
  const session = await api('GET', '/api/v1/session');
  if (session.status === 200) csrfToken = session.json.csrfToken;
  return { jar, landed: { status: landed.status, location, html: landed.status === 302 ? '' : await landed.text() }, session: session.json, api, send, postForm };
}
