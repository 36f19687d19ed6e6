// The OpenAPI document against the running API: valid OpenAPI 3.1, exactly the routes createApp mounts,
// request schemas that are the handlers' own, responses (status, media type, shape) as documented, and
// a docs page that loads nothing from outside.
import { validate, compileErrors } from '@readme/openapi-parser';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app.js';
import * as R from '../api/openapi/responses.js';
import { loadConfig } from '../config/index.js';
import { PICKUP_NEITHER_ERROR, PICKUP_UNKNOWN_ERROR, SITHS_MAX_ROWS } from '../domain/index.js';
import { ORGANISATIONSNUMMER, question, sithsOrder } from '../scripts/sample-cases.js';
import { type Harness, startHarness } from './helpers/harness.js';

type Json = Record<string, any>;

let h: Harness;
let doc: Json;
const config = loadConfig();
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

beforeAll(async () => {
  h = await startHarness();
  const res = await fetch(`${h.baseUrl}/api/openapi.json`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  doc = (await res.json()) as Json;
});
afterAll(() => h?.stop());

/** Follows a local `$ref` (`#/components/…`) to what it names. */
function deref(node: Json | undefined): Json | undefined {
  let n = node;
  while (n && typeof n.$ref === 'string') {
    n = n.$ref
      .slice(2)
      .split('/')
      .reduce((at: Json | undefined, key: string) => at?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return n;
}

/** The documented operation for a concrete request path; a concrete path wins over a template. */
function operationFor(method: string, url: string): { template: string; operation: Json } | undefined {
  const path = new URL(url, 'http://x').pathname;
  const templates = Object.keys(doc.paths).sort((a, b) => (a.includes('{') ? 1 : 0) - (b.includes('{') ? 1 : 0));
  for (const template of templates) {
    const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
    const operation = doc.paths[template][method.toLowerCase()];
    if (operation && new RegExp(`^${pattern}$`).test(path)) return { template, operation };
  }
  return undefined;
}

/**
 * A request to the running API that must be documented: the operation exists, lists the status
 * that came back, and (for a body) its media type. JSON bodies are parsed with `schema` when given.
 */
async function call<S extends z.ZodType>(
  method: string,
  path: string,
  o: { token?: string; body?: unknown; headers?: Record<string, string>; schema?: S } = {},
) {
  const res = await fetch(h.baseUrl + path, {
    method,
    redirect: 'manual',
    headers: {
      ...(o.token ? { Authorization: `Bearer ${o.token}` } : {}),
      ...(o.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...o.headers,
    },
    body: o.body !== undefined ? JSON.stringify(o.body) : undefined,
  });
  const found = operationFor(method, path);
  expect(found, `${method} ${path} is not documented`).toBeDefined();
  const response = deref(found!.operation.responses[String(res.status)]);
  expect(response, `${method} ${found!.template} answered ${res.status}, which is not documented`).toBeDefined();
  const mediaType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes.length > 0) {
    expect(Object.keys(response!.content ?? {}), `${method} ${found!.template} ${res.status} documents no ${mediaType}`).toContain(mediaType);
  }
  const json = /json$/.test(mediaType) ? JSON.parse(bytes.toString('utf8')) : undefined;
  if (o.schema) {
    const parsed = o.schema.safeParse(json);
    expect(parsed.error?.issues ?? [], `${method} ${path} ${res.status} does not match its schema`).toEqual([]);
  }
  return { status: res.status, headers: res.headers, json: json as any, bytes };
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Kundportal API');
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? [] : compileErrors(result)).toEqual([]);
  });

  it('documents every operation with an id, a Swedish summary, a tag, security and problem+json errors', () => {
    const tags = new Set((doc.tags as Json[]).map((t) => t.name));
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
      for (const [method, operation] of Object.entries(item).filter(([k]) => METHODS.includes(k)) as [string, Json][]) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(operation.operationId, where).toBeTruthy();
        expect(operation.summary, where).toBeTruthy();
        expect(operation.tags?.length, where).toBe(1);
        expect(tags.has(operation.tags[0]), where).toBe(true);
        expect(operation.security, where).toBeDefined();
        for (const [status, r] of Object.entries(operation.responses as Record<string, Json>)) {
          const content = deref(r)!.content ?? {};
          if (path.startsWith('/api/') && Number(status) >= 400) expect(Object.keys(content), `${where} ${status}`).toEqual(['application/problem+json']);
        }
      }
    }
    expect(Object.keys(doc.components.securitySchemes)).toEqual(expect.arrayContaining(['bearerAuth', 'sessionCookie']));
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'kp_session' });
  });

  it('describes request bodies with the handlers\' own zod schemas', async () => {
    const submission = deref(doc.paths['/api/v1/cases'].post.requestBody.content['application/json'].schema)!;
    const siths = (submission.oneOf as Json[]).find((v) => (v.properties.type.const ?? v.properties.type.enum?.[0]) === 'siths_order')!;
    expect(siths.properties.rows.maxItems).toBe(SITHS_MAX_ROWS);
    const row = siths.properties.rows.items;
    expect(row.additionalProperties).toBe(false);
    expect(row.required).toEqual(['name', 'personnummer', 'email']);
    expect(row.properties.pickupOffice.enum).toEqual(config.pickupOffices);

    // The handler's own refusal names fields; every one of them is a field of the documented body.
    const order = sithsOrder(`openapi.${Date.now()}@exempel.se`, 2) as Json;
    order.rows[0].pickupOffice = 'Kortkontoret på månen';
    delete order.rows[1].ownCardOffice;
    order.rows[1].personnummer = '19900101-0000';
    order.unknownField = 1;
    const refused = await call('POST', '/api/v1/cases', { token: h.customerToken, body: order, schema: R.ValidationProblem });
    expect(refused.status).toBe(400);
    const fields = (refused.json.errors as { field: string; message: string }[]).map((e) => e.field);
    expect(refused.json.errors).toEqual(
      expect.arrayContaining([
        { field: 'rows.0.pickupOffice', message: PICKUP_UNKNOWN_ERROR },
        { field: 'rows.1.pickupOffice', message: PICKUP_NEITHER_ERROR },
      ]),
    );
    for (const field of fields.filter((f) => f !== 'unknownField')) expect(schemaAt(siths, field.split('.')), field).toBeDefined();
    expect(schemaAt(siths, ['unknownField'])).toBeUndefined();
  });
});

/** The documented schema of a field path in a request body, through arrays and unions. */
function schemaAt(schema: Json | undefined, path: string[]): Json | undefined {
  const node = deref(schema);
  if (!node) return undefined;
  if (path.length === 0) return node;
  for (const variant of [...(node.oneOf ?? []), ...(node.anyOf ?? [])]) {
    const found = schemaAt(variant, path);
    if (found) return found;
  }
  const [head, ...rest] = path as [string, ...string[]];
  if (/^\d+$/.test(head) && node.items) return schemaAt(node.items, rest);
  return node.properties?.[head] ? schemaAt(node.properties[head], rest) : undefined;
}

describe('the API answers as documented', () => {
  it('customer: cases, messages, PDF, notifications, account, organisation and tokens', async () => {
    const t = h.customerToken;
    expect((await call('GET', '/api/v1/session', { token: t, schema: R.Session })).json.kind).toBe('customer');
    await call('GET', '/api/v1/session', { schema: R.Problem });
    await call('GET', '/api/v1/me', { token: t, schema: R.Me });
    await call('GET', `/api/v1/organisations/${ORGANISATIONSNUMMER}`, { token: t, schema: R.OrganisationLookup });
    await call('GET', '/api/v1/organisations/000000-0000', { token: t, schema: R.Problem });
    await call('GET', '/api/v1/organisation', { token: t, schema: R.Organisation });

    const created = await call('POST', '/api/v1/cases', { token: t, body: question(`openapi.q.${Date.now()}@exempel.se`), schema: R.SubmissionReceipt });
    expect(created.status).toBe(201);
    const caseNumber: string = created.json.caseNumber;
    expect(created.headers.get('location')).toBe(`/api/v1/cases/${caseNumber}`);
    await call('POST', '/api/v1/cases', { token: t, body: { type: 'nope' }, schema: R.ValidationProblem });
    await call('GET', '/api/v1/cases?status=closed&limit=5', { token: t, schema: R.CasePage });
    await call('GET', '/api/v1/cases?limit=0', { token: t, schema: R.ValidationProblem });
    await call('GET', '/api/v1/cases?scope=organisation', { token: t, schema: R.Problem });
    expect((await call('GET', '/api/v1/cases', { token: t, schema: R.CasePage })).json.items.length).toBeGreaterThan(0);
    await call('GET', `/api/v1/cases/${caseNumber}`, { token: t, schema: R.Case });
    await call('GET', '/api/v1/cases/KP-1999-99999', { token: t, schema: R.Problem });
    const pdf = await call('GET', `/api/v1/cases/${caseNumber}/pdf`, { token: t });
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');

    expect((await call('POST', `/api/v1/staff/cases/${caseNumber}/actions/take`, { token: h.staffToken, body: {}, schema: R.ActionState })).status).toBe(200);
    await call('POST', `/api/v1/staff/cases/${caseNumber}/actions/note`, { token: h.staffToken, body: { body: 'Intern anteckning.' }, schema: R.ActionState });
    await call('POST', `/api/v1/staff/cases/${caseNumber}/actions/assign`, { token: h.staffToken, body: { assigneeId: h.staffId }, schema: R.ActionState });
    await call('POST', `/api/v1/staff/cases/${caseNumber}/actions/unknown`, { token: h.staffToken, body: {}, schema: R.Problem });
    await call('POST', `/api/v1/cases/${caseNumber}/messages`, { token: t, body: { body: 'Tack!' }, schema: R.ActionState });
    await call('POST', `/api/v1/cases/${caseNumber}/messages`, { token: t, body: { body: '' }, schema: R.ValidationProblem });
    const customerView = await call('GET', `/api/v1/cases/${caseNumber}`, { token: t, schema: R.Case });
    expect(customerView.json.timeline.map((e: Json) => e.action)).not.toContain('note');
    const staffView = await call('GET', `/api/v1/staff/cases/${caseNumber}`, { token: h.staffToken, schema: R.StaffCase });
    expect(staffView.json.timeline.map((e: Json) => e.action)).toContain('note');
    await call('GET', `/api/v1/staff/cases/${caseNumber}`, { token: t, schema: R.Problem });
    expect((await call('POST', `/api/v1/cases/${caseNumber}/withdraw`, { token: t, body: { reason: 'Löst på annat sätt.' }, schema: R.ActionState })).json.status).toBe('closed');
    expect((await call('POST', `/api/v1/staff/cases/${caseNumber}/actions/close`, { token: h.staffToken, body: { resolution: 'Klart.' }, schema: R.Problem })).status).toBe(409);
    await call('POST', `/api/v1/staff/cases/${caseNumber}/actions/reopen`, { token: h.staffToken, body: {}, schema: R.ActionState });

    // An action's outcome by its key (a 202's status URL): done, or unknown.
    const staffKey = `note-${Date.now()}`;
    const keyed = { token: h.staffToken, body: { body: 'Med nyckel.' }, headers: { 'Idempotency-Key': staffKey }, schema: R.ActionState };
    const noted = await call('POST', `/api/v1/staff/cases/${caseNumber}/actions/note`, keyed);
    expect((await call('GET', `/api/v1/staff/cases/${caseNumber}/actions/requests/${staffKey}`, { token: h.staffToken, schema: R.ActionState })).json).toEqual(noted.json);
    await call('GET', `/api/v1/staff/cases/${caseNumber}/actions/requests/okand`, { token: h.staffToken, schema: R.Problem });
    const customerKey = `message-${Date.now()}`;
    await call('POST', `/api/v1/cases/${caseNumber}/messages`, { token: t, body: { body: 'Tack igen!' }, headers: { 'Idempotency-Key': customerKey }, schema: R.ActionState });
    await call('GET', `/api/v1/cases/${caseNumber}/requests/${customerKey}`, { token: t, schema: R.ActionState });
    await call('GET', `/api/v1/cases/${caseNumber}/requests/${staffKey}`, { token: t, schema: R.Problem });

    const notifications = await call('GET', '/api/v1/notifications?limit=3', { token: t, schema: R.NotificationPage });
    await call('GET', '/api/v1/notifications?unread=maybe', { token: t, schema: R.ValidationProblem });
    await call('GET', '/api/v1/notifications/unread-count', { token: t, schema: R.UnreadCount });
    const first = notifications.json.items[0];
    expect(first).toBeDefined();
    expect((await call('POST', `/api/v1/notifications/${first.id}/read`, { token: t })).status).toBe(204);
    await call('POST', '/api/v1/notifications/999999999/read', { token: t, schema: R.Problem });
    await call('POST', '/api/v1/notifications/read-all', { token: t });

    await call('GET', '/api/v1/organisation/members', { token: t, schema: R.Problem });
    await h.db.updateTable('customer_accounts').set({ isLocalAdmin: true }).where('id', '=', h.accountId).execute();
    await call('GET', '/api/v1/organisation/members', { token: t, schema: R.Member.array() });
    await call('GET', '/api/v1/cases?scope=organisation', { token: t, schema: R.CasePage });
    await call('PUT', `/api/v1/organisation/members/${h.accountId}/roles`, { token: t, body: { canOrder: true }, schema: R.Member });
    await call('PUT', `/api/v1/organisation/members/${h.accountId}/roles`, { token: t, body: { isLocalAdmin: false }, schema: R.ValidationProblem });
    await call('PUT', '/api/v1/me', {
      token: t,
      body: { name: 'Åsa Öberg', email: h.customerEmail, unitName: 'Vårdcentralen Åby', notifyByEmail: false },
      schema: R.Me,
    });

    const token = await call('POST', '/api/v1/tokens', { token: t, body: { name: 'Integration' }, schema: R.CreatedApiToken });
    expect(token.status).toBe(201);
    await call('GET', '/api/v1/tokens', { token: t, schema: R.ApiToken.array() });
    expect((await call('DELETE', `/api/v1/tokens/${token.json.id}`, { token: t })).status).toBe(204);
    await call('DELETE', `/api/v1/tokens/${token.json.id}`, { token: t, schema: R.Problem });
    await call('GET', '/api/v1/session', { token: h.staffToken, schema: R.Session });
  });

  it('browser login endpoints redirect, and logout without a session just answers 204', async () => {
    const login = await call('GET', '/auth/login?returnTo=/api/v1/session');
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toMatch(/^http/);
    expect((await call('GET', '/auth/staff/login')).status).toBe(302);
    expect((await call('GET', '/auth/callback?state=nope&code=x')).status).toBe(400);
    expect((await call('GET', '/auth/staff/callback?state=nope&code=x')).status).toBe(400);
    expect((await call('POST', '/auth/logout')).status).toBe(204);
  });
});

describe('the docs page', () => {
  it('is Swedish Swagger UI with same-origin scripts only, which load', async () => {
    const res = await fetch(`${h.baseUrl}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
    const html = await res.text();
    expect(html).toMatch(/<html lang="sv">/);
    expect(html).toContain('<title>Kundportal API – dokumentation</title>');
    expect(html).toContain('/api/openapi.json');

    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    const sources = scripts.map(([, attrs, body]) => {
      expect(body!.trim(), 'inline script').toBe('');
      const src = /\bsrc="([^"]+)"/.exec(attrs!)?.[1];
      expect(src, 'script without src').toBeDefined();
      return src!;
    });
    const styles = [...html.matchAll(/<link\b[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]!);
    for (const url of [...sources, ...styles]) expect(url, 'not same-origin').toMatch(/^\/(?!\/)/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);

    for (const src of sources) {
      const asset = await fetch(h.baseUrl + src);
      expect(asset.status, src).toBe(200);
      expect(asset.headers.get('content-type'), src).toMatch(/^(text|application)\/javascript/);
      expect((await asset.text()).length, src).toBeGreaterThan(0);
    }
    for (const href of styles) expect((await fetch(h.baseUrl + href)).status, href).toBe(200);
    expect(sources.some((s) => s.endsWith('/swagger-ui-bundle.js'))).toBe(true);
    const boot = await (await fetch(h.baseUrl + sources.find((s) => !s.endsWith('/swagger-ui-bundle.js'))!)).text();
    expect(boot).toContain('SwaggerUIBundle');
  });

  it('serves only its own assets', async () => {
    for (const path of ['/api/docs/assets/package.json', '/api/docs/assets/index.html', '/api/docs/assets/..%2Fpackage.json', '/api/docs/assets/swagger-ui-bundle.js.map']) {
      expect((await fetch(h.baseUrl + path)).status, path).toBe(404);
    }
  });
});
