// Logs in at the local e-legitimation provider over plain HTTP, the way a browser would, without a
// browser: follows redirects by hand with its own cookie jar, reads the login page and submits the
// form the page contains. For tests.
import type { AuthMethod } from './login-page.js';

export interface DevLoginPerson {
  personnummer: string;
  method: AuthMethod;
  name?: string;
}

interface StoredCookie {
  name: string;
  value: string;
  host: string;
  path: string;
  expiresAt: number;
}

/** Host-only cookies with path and expiry: all the provider sets. */
export class DevIdpCookieJar {
  private cookies: StoredCookie[] = [];

  store(requestUrl: string, setCookie: string[]) {
    const url = new URL(requestUrl);
    for (const header of setCookie) {
      const [pair = '', ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let path = url.pathname.slice(0, url.pathname.lastIndexOf('/')) || '/';
      let expiresAt = Infinity;
      for (const attribute of attributes) {
        const [key = '', ...rest] = attribute.split('=');
        const attrValue = rest.join('=').trim();
        switch (key.trim().toLowerCase()) {
          case 'path':
            if (attrValue.startsWith('/')) path = attrValue;
            break;
          case 'max-age':
            expiresAt = Date.now() + Number(attrValue) * 1000;
            break;
          case 'expires':
            if (expiresAt === Infinity) expiresAt = Date.parse(attrValue);
            break;
        }
      }
      this.cookies = this.cookies.filter((c) => !(c.name === name && c.host === url.host && c.path === path));
      if (!(expiresAt <= Date.now())) this.cookies.push({ name, value, host: url.host, path, expiresAt });
    }
  }

  header(requestUrl: string): string | undefined {
    const url = new URL(requestUrl);
    const now = Date.now();
    const matching = this.cookies.filter(
      (c) =>
        c.host === url.host &&
        c.expiresAt > now &&
        (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)),
    );
    return matching.length ? matching.map((c) => `${c.name}=${c.value}`).join('; ') : undefined;
  }
}

export type DevIdpStep =
  /** The provider answered with a page (the login page, an error page). */
  | { kind: 'page'; url: string; status: number; html: string }
  /** The provider sent the browser away from itself, i.e. to the client's redirect_uri. */
  | { kind: 'redirect'; url: string };

/**
 * Requests `url` and follows redirects while they stay at the provider (the origin `idpOrigin`).
 * Returns the first page, or the first redirect that leaves the provider, without requesting it.
 */
export async function browseDevIdp(
  jar: DevIdpCookieJar,
  url: string,
  idpOrigin: string,
  init: { method?: 'GET' | 'POST'; form?: URLSearchParams } = {},
): Promise<DevIdpStep> {
  let current = url;
  let method = init.method ?? 'GET';
  let body = init.form?.toString();
  for (let hop = 0; hop < 10; hop++) {
    const headers: Record<string, string> = { accept: 'text/html' };
    const cookie = jar.header(current);
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(current, { method, headers, body, redirect: 'manual' });
    jar.store(current, res.headers.getSetCookie());
    if (res.status >= 300 && res.status < 400) {
      await res.arrayBuffer();
      const location = res.headers.get('location');
      if (!location) throw new Error(`dev IdP: ${method} ${current} answered ${res.status} without a location`);
      const next = new URL(location, current);
      if (next.origin !== idpOrigin) return { kind: 'redirect', url: next.href };
      if (res.status !== 307 && res.status !== 308) {
        method = 'GET';
        body = undefined;
      }
      current = next.href;
      continue;
    }
    return { kind: 'page', url: current, status: res.status, html: await res.text() };
  }
  throw new Error(`dev IdP: more than 10 redirects starting at ${url}`);
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|#39);/gi, (_, entity: string) => {
    const e = entity.toLowerCase();
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e] ?? '';
  });
}

function attributesOf(tagAttributes: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of tagAttributes.matchAll(/([\w:.-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    attrs.set(m[1]!.toLowerCase(), decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attrs;
}

export interface DevIdpForm {
  action: string;
  attributes: Map<string, string>;
  inputs: Array<Map<string, string>>;
  buttons: Array<{ attributes: Map<string, string>; text: string }>;
}

/** The page's forms, with their inputs and buttons (the provider's pages are simple, flat HTML). */
export function formsOf(html: string, pageUrl: string): DevIdpForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].map((m) => {
    const attributes = attributesOf(m[1]!);
    const content = m[2]!;
    return {
      attributes,
      action: new URL(attributes.get('action') || pageUrl, pageUrl).href,
      inputs: [...content.matchAll(/<input\b([^>]*)>/gi)].map((i) => attributesOf(i[1]!)),
      buttons: [...content.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)].map((b) => ({
        attributes: attributesOf(b[1]!),
        text: decodeEntities(b[2]!.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim(),
      })),
    };
  });
}

/** Opens the authorization URL in a fresh (or the given) cookie jar and returns the login page. */
export async function openDevIdpLoginPage(authorizationUrl: string, jar = new DevIdpCookieJar()) {
  const idpOrigin = new URL(authorizationUrl).origin;
  const step = await browseDevIdp(jar, authorizationUrl, idpOrigin);
  if (step.kind !== 'page') throw new Error(`dev IdP: expected the login page, was sent to ${step.url}`);
  if (step.status !== 200) {
    throw new Error(`dev IdP: expected the login page, got status ${step.status} at ${step.url}: ${step.html.slice(0, 300)}`);
  }
  return { ...step, jar, idpOrigin };
}

function pageErrors(html: string): string {
  return [...html.matchAll(/<span class="error"[^>]*>([\s\S]*?)<\/span>/g)].map((m) => decodeEntities(m[1]!)).join(' ');
}

/**
 * Logs `who` in at the provider, starting from the client's authorization URL, and returns the
 * redirect back to the client (its redirect_uri with `code` and `state`) without requesting it.
 */
export async function signInAtDevIdp(
  authorizationUrl: string,
  who: DevLoginPerson,
  options: { jar?: DevIdpCookieJar } = {},
): Promise<string> {
  const page = await openDevIdpLoginPage(authorizationUrl, options.jar);
  const form = formsOf(page.html, page.url).find((f) => f.inputs.some((i) => i.get('name') === 'personnummer'));
  if (!form) throw new Error(`dev IdP: no login form with a personnummer field on ${page.url}`);
  if ((form.attributes.get('method') ?? 'get').toLowerCase() !== 'post') throw new Error('dev IdP: the login form does not post');

  const fields = new URLSearchParams();
  let methodOffered = false;
  for (const input of form.inputs) {
    const name = input.get('name');
    if (!name) continue;
    const type = (input.get('type') ?? 'text').toLowerCase();
    if (name === 'method') {
      if (type === 'radio' && input.get('value') === who.method) methodOffered = true;
      continue;
    }
    if (name === 'personnummer') fields.set(name, who.personnummer);
    else if (name === 'name') fields.set(name, who.name ?? '');
    else if (type === 'hidden' || ((type === 'checkbox' || type === 'radio') && input.has('checked'))) fields.append(name, input.get('value') ?? 'on');
  }
  if (!methodOffered) throw new Error(`dev IdP: the login page offers no method "${who.method}"`);
  fields.set('method', who.method);

  const step = await browseDevIdp(page.jar, form.action, page.idpOrigin, { method: 'POST', form: fields });
  if (step.kind === 'page') {
    const errors = pageErrors(step.html);
    throw new Error(`dev IdP: login was not accepted, status ${step.status} at ${step.url}${errors ? `: ${errors}` : ''}`);
  }
  const location = new URL(step.url);
  if (location.searchParams.has('error') || !location.searchParams.has('code')) {
    throw new Error(`dev IdP: expected a redirect with a code, got location ${step.url}`);
  }
  return step.url;
}
