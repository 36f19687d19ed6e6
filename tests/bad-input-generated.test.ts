// Generated malformed requests (fast-check) at every JSON endpoint, on real Postgres and Temporal.
// Whatever arrives: never a 5xx, never a success, every 4xx an RFC 9457 problem, a validation problem
// names the field at fault, and not one row is written. The endpoints are the running API's OpenAPI
// document (every operation with a request body) and the back office's JSON endpoints, which are not
// in it. Each request is a valid body with exactly one defect, so a defect the API lets through shows
// as a success and a written row. BAD_INPUT_RUNS sets the number of requests, BAD_INPUT_SEED replays.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { upsertCustomerAccount, upsertStaff } from '../db/people.js';
import { stockholmToday } from '../domain/swedish-ids.js';
import { ORGANISATIONSNUMMER, PICKUP_OFFICE, personnummer, question, sithsOrder } from '../scripts/sample-cases.js';
import { logInWithELegitimation } from './helpers/browser-session.js';
import { type Harness, RUN_ID, startHarness } from './helpers/harness.js';

const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 10_000);
const SEED = process.env.BAD_INPUT_SEED === undefined ? Date.now() % 2 ** 31 : Number(process.env.BAD_INPUT_SEED);

// --- the API's description of itself ------------------------------------------------------------

interface Schema {
  $ref?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  minProperties?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  title?: string;
}

type Who = 'customer token' | 'customer session' | 'person session' | 'handler token' | 'admin session' | 'anonymous' | 'customer session without CSRF';

interface Endpoint {
  method: string;
  /** '/api/v1/cases/{caseNumber}/messages' */
  template: string;
  body: Schema;
  idempotencyKey: boolean;
  /** Who may make the call: for them a defect must be the reason for the refusal. */
  authorised: Who[];
}

let doc: { paths: Record<string, Record<string, any>>; components?: Record<string, Record<string, any>> };

function deref<T extends { $ref?: string }>(node: T): T {
  let n: any = node;
  while (n && typeof n.$ref === 'string') n = n.$ref.slice(2).split('/').reduce((at: any, key: string) => at?.[key], doc);
  return n;
}

const schemaOf = (s: Schema): Schema => {
  const r = deref(s);
  return r.allOf ? Object.assign({}, ...r.allOf.map(schemaOf), { ...r, allOf: undefined }) : r;
};

/** Who may call: customers for the customer API, staff for theirs, a person without an account for /account. */
function authorisedFor(template: string): Who[] {
  if (template === '/api/v1/account') return ['person session'];
  if (template.startsWith('/api/v1/tokens')) return ['customer token', 'customer session', 'handler token', 'admin session'];
  if (template.startsWith('/api/v1/organisation/members')) return ['customer session']; // its local administrator
  if (template.startsWith('/api/v1/staff/') || template.includes('/actions/')) return ['handler token', 'admin session'];
  if (template.startsWith('/api/admin/')) return ['admin session'];
  return ['customer token', 'customer session'];
}

function documentedEndpoints(): Endpoint[] {
  const found: Endpoint[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const body = op?.requestBody && deref(op.requestBody).content?.['application/json']?.schema;
      if (!body) continue;
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref);
      const idempotencyKey = params.some((p: any) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
      found.push({ method: method.toUpperCase(), template, body, idempotencyKey, authorised: authorisedFor(template) });
    }
  }
  return found;
}

// The back office's JSON endpoints (api/routes/admin/): react-admin sends whole records, so fields
// other than these are ignored there rather than refused.
const ROLES_UPDATE: Schema = { type: 'object', properties: { canOrder: { type: 'boolean' }, isLocalAdmin: { type: 'boolean' } } };
const STAFF_NAME: Schema = { type: 'string', minLength: 1, maxLength: 200 };
function backOfficeEndpoints(actionBody: Schema): Endpoint[] {
  const e = (method: string, template: string, body: Schema): Endpoint => ({ method, template, body, idempotencyKey: false, authorised: authorisedFor(template) });
  return [
    { ...e('POST', '/api/admin/cases/{caseNumber}/actions/{action}', actionBody), idempotencyKey: true },
    e('PUT', '/api/admin/accounts/{id}', ROLES_UPDATE),
    e('PUT', '/api/admin/organisations/{id}', { type: 'object', properties: { verified: { type: 'boolean', const: true } }, required: ['verified'] }),
    e('POST', '/api/admin/staff', {
      type: 'object',
      properties: { name: STAFF_NAME, email: { type: 'string', maxLength: 254 }, role: { type: 'string', enum: ['handler', 'admin'] }, personnummer: { type: 'string' } },
      required: ['name', 'email', 'role', 'personnummer'],
    }),
    e('PUT', '/api/admin/staff/{id}', {
      type: 'object',
      properties: { name: STAFF_NAME, email: { type: 'string', maxLength: 254 }, role: { type: 'string', enum: ['handler', 'admin'] }, active: { type: 'boolean' } },
    }),
    e('PUT', '/api/admin/service-levels/{caseType}', {
      type: 'object',
      properties: {
        firstResponseMinutes: { type: 'integer', minimum: 1 },
        resolutionMinutes: { type: 'integer', minimum: 1 },
        reminderAfterDays: { type: 'integer', minimum: 0 },
        autoCloseAfterDays: { type: 'integer', minimum: 0 },
      },
      required: ['firstResponseMinutes', 'resolutionMinutes', 'reminderAfterDays', 'autoCloseAfterDays'],
    }),
  ];
}

// --- the world the requests act on ---------------------------------------------------------------

let h: Harness;
const cookies: Partial<Record<Who, { cookie: string; csrf: string }>> = {};
const world = { caseOfToken: '', caseOfSession: '', rutId: 0, adamId: 0, people: 0 };

async function submitAndSettle(send: () => Promise<{ status: number; json: any }>, email: string) {
  const res = await send();
  expect(res.status).toBe(201);
  await h.mailsTo(email, 1);
  return res.json.caseNumber as string;
}

async function logIn(who: Who, person: { personnummer: string; name: string }, audience: 'customer' | 'staff' = 'customer') {
  const s = await logInWithELegitimation(h.baseUrl, { ...person, method: 'bankid' }, audience);
  expect(s.session.csrfToken).toBeTruthy();
  cookies[who] = { cookie: s.jar.header(`${h.baseUrl}/`)!, csrf: s.session.csrfToken };
  return s;
}

/** A person without an account, new each time: a request that creates their account uses them up. */
const newPerson = () => logIn('person session', { personnummer: personnummer('19620304', 100 + ((process.pid + world.people++) % 900)), name: 'Nora Ny' });

beforeAll(async () => {
  h = await startHarness();
  const serial = 100 + (process.pid % 800);
  // A customer with a session: local administrator of the harness's organisation, so member roles are theirs to set.
  const rut = { personnummer: personnummer('19610203', serial), name: 'Rut Generator' };
  world.rutId = await upsertCustomerAccount(h.db, h.cipher, { organisationId: h.organisationId, ...rut, email: `rut.${RUN_ID}@exempel.se`, canOrder: true, isLocalAdmin: true });
  const rutSession = await logIn('customer session', rut);
  await newPerson();
  const adam = { personnummer: personnummer('19630405', serial), name: 'Adam Generator' };
  world.adamId = await upsertStaff(h.db, { name: adam.name, email: `adam.${RUN_ID}@kundportal.local`, role: 'admin' }, { cipher: h.cipher, personnummer: adam.personnummer });
  await logIn('admin session', adam, 'staff');

  const tokenEmail = `generated.${RUN_ID}@exempel.se`;
  world.caseOfToken = await submitAndSettle(() => h.api('POST', '/api/v1/cases', { token: h.customerToken, body: sithsOrder(tokenEmail, 1) }), tokenEmail);
  const sessionEmail = `generated.session.${RUN_ID}@exempel.se`;
  world.caseOfSession = await submitAndSettle(() => rutSession.api('POST', '/api/v1/cases', { body: question(sessionEmail) }), sessionEmail);

  const res = await fetch(`${h.baseUrl}/api/openapi.json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as typeof doc;
}, 180_000);
afterAll(() => h?.stop());

/**
 * Puts the callers back as they were after a request that should have been refused changed them
 * (roles, an account created, a handler deactivated), so later requests are judged as in the same world.
 */
async function heal() {
  // Plain SQL: the test reads and writes below the table types, whatever their casing.
  const roles = (id: number, canOrder: boolean, isLocalAdmin: boolean) => sql`
    update customer_accounts set can_order = ${canOrder}, is_local_admin = ${isLocalAdmin}, organisation_id = ${h.organisationId}
    where id = ${id} and (can_order <> ${canOrder} or is_local_admin <> ${isLocalAdmin} or organisation_id <> ${h.organisationId})`.execute(h.db);
  await roles(h.accountId, true, false);
  await roles(world.rutId, true, true);
  for (const [id, role] of [[h.staffId, 'handler'], [world.adamId, 'admin']] as const) {
    await sql`update staff set active = true, role = ${role} where id = ${id} and (not active or role <> ${role})`.execute(h.db);
  }
  const person = await fetch(`${h.baseUrl}/api/v1/session`, { headers: { Cookie: cookies['person session']!.cookie } });
  if (((await person.json()) as { kind?: string }).kind !== 'person') await newPerson();
}

/** A path value that reaches the resource, for the caller; undefined when none is known. */
function goodParam(template: string, name: string, who: Who): string | undefined {
  if (name === 'caseNumber') return who === 'customer session' ? world.caseOfSession : world.caseOfToken;
  if (name === 'id' && template.includes('/members/')) return String(h.accountId);
  if (name === 'id' && template.startsWith('/api/admin/accounts')) return String(h.accountId);
  if (name === 'id' && template.startsWith('/api/admin/organisations')) return String(h.organisationId);
  if (name === 'id' && template.startsWith('/api/admin/staff')) return String(h.staffId);
  if (name === 'caseType') return 'other';
  if (name === 'organisationsnummer') return ORGANISATIONSNUMMER;
  return undefined;
}

// --- valid bodies ---------------------------------------------------------------------------------

// Five characters or more: some texts must have three, which the document cannot say (a refinement).
const text = fc.stringMatching(/^[A-Za-zÅÄÖåäö][A-Za-zÅÄÖåäö0-9 ,.]{3,30}[a-zåäö]$/);
// Unbiased and from a wide range: a new staff member must not collide with one an earlier request made.
const validPnr = fc
  .noBias(fc.tuple(fc.integer({ min: 50, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 100, max: 999 })))
  .map(([y, m, d, n]) => personnummer(`19${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`, n));
const validEmail = fc.noBias(fc.nat()).map((n) => `generated.${n}@exempel.se`);

/** Values a field takes by its name, where "any string" would not be valid. */
const BY_NAME: Record<string, () => fc.Arbitrary<unknown>> = {
  personnummer: () => validPnr,
  organisationsnummer: () => fc.constant(ORGANISATIONSNUMMER),
  email: () => validEmail,
  pickupOffice: () => fc.constant(PICKUP_OFFICE),
  assigneeId: () => fc.constant(h.staffId),
  // 0 (never): closing must otherwise come after the reminder, which the generated days would not.
  autoCloseAfterDays: () => fc.constant(0),
};
/** Optional fields a valid body needs (a SITHS row needs a pickup office or its own card office). */
const ALWAYS = new Set(['pickupOffice']);

const typesOf = (s: Schema): string[] => {
  if (s.const !== undefined) return [jsonType(s.const)];
  if (s.enum) return [...new Set(s.enum.map(jsonType))];
  if (s.oneOf || s.anyOf) return ['object'];
  return s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
};
const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);

/** The branch of a union a body follows: by the action in the path, else by its const fields. */
function branchFor(branches: Schema[], value: unknown, action?: string): Schema {
  const resolved = branches.map(schemaOf);
  if (action) {
    const named = resolved.find((b) => b.title?.split(/,\s*/).includes(action));
    if (named) return named;
  }
  const fits = (b: Schema) =>
    typeof value === 'object' && value !== null && Object.entries(b.properties ?? {}).every(([k, p]) => schemaOf(p).const === undefined || (value as any)[k] === schemaOf(p).const);
  return resolved.find(fits) ?? resolved[0]!;
}

function validArb(raw: Schema, name: string, action?: string): fc.Arbitrary<unknown> {
  const s = schemaOf(raw);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.oneOf || s.anyOf) {
    const branches = (s.oneOf ?? s.anyOf)!;
    const named = action ? branchFor(branches, undefined, action) : undefined;
    return named ? validArb(named, name) : fc.constantFrom(...branches).chain((b) => validArb(b, name));
  }
  if (BY_NAME[name]) return BY_NAME[name]();
  const type = typesOf(s)[0];
  if (type === 'object') {
    const props = s.properties ?? {};
    const required = new Set(s.required ?? []);
    const keys = Object.keys(props).filter((k) => required.has(k) || ALWAYS.has(k) || schemaOf(props[k]!).type === 'object');
    // minProperties with nothing required: one optional field.
    if ((s.minProperties ?? 0) > keys.length) keys.push(...Object.keys(props).filter((k) => !keys.includes(k)).slice(0, s.minProperties! - keys.length));
    const model = Object.fromEntries(keys.map((k) => [k, validArb(props[k]!, k)]));
    return fc.record(model, { requiredKeys: keys.filter((k) => required.has(k) || ALWAYS.has(k) || (s.minProperties ?? 0) > 0) });
  }
  if (type === 'array') {
    const min = Math.max(s.minItems ?? 0, 1);
    return fc.array(validArb(s.items ?? {}, name), { minLength: min, maxLength: Math.min(s.maxItems ?? min + 2, min + 2) });
  }
  if (type === 'boolean') return fc.boolean();
  if (type === 'integer' || type === 'number') return fc.constant(Math.max(1, (s.minimum ?? s.exclusiveMinimum ?? 0) + 1));
  return text.filter((t) => t.length >= (s.minLength ?? 0) && t.length <= (s.maxLength ?? Infinity));
}

// --- where a defect can go --------------------------------------------------------------------------

type Seg = string | number;
interface Node {
  path: Seg[];
  name: string;
  schema: Schema;
  /** Set when the node is a property the parent object must have. */
  required: boolean;
}

/** Every value in the body with the schema it follows. */
function nodesOf(value: unknown, raw: Schema, action?: string, path: Seg[] = [], required = false): Node[] {
  let s = schemaOf(raw);
  if (s.oneOf || s.anyOf) s = branchFor((s.oneOf ?? s.anyOf)!, value, action);
  const name = String(path.at(-1) ?? '');
  const here: Node = { path, name, schema: s, required };
  if (Array.isArray(value)) return [here, ...value.flatMap((v, i) => nodesOf(v, s.items ?? {}, undefined, [...path, i]))];
  if (value && typeof value === 'object') {
    const req = new Set(s.required ?? []);
    return [here, ...Object.entries(value).flatMap(([k, v]) => nodesOf(v, s.properties?.[k] ?? {}, undefined, [...path, k], req.has(k)))];
  }
  return [here];
}

const field = (path: Seg[]) => path.join('.');
const clone = <T>(v: T): T => structuredClone(v);
function setAt(body: unknown, path: Seg[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy: any = clone(body);
  const parent = path.slice(0, -1).reduce((at: any, seg) => at[seg], copy);
  // defineProperty: '__proto__' must become a key, not the prototype.
  Object.defineProperty(parent, path.at(-1)!, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}
function deleteAt(body: unknown, path: Seg[]): unknown {
  const copy: any = clone(body);
  const parent = path.slice(0, -1).reduce((at: any, seg) => at[seg], copy);
  delete parent[path.at(-1)!];
  return copy;
}
/** Renames the key at `path` (keeping its value): a key with an unstorable character. */
function renameAt(body: unknown, path: Seg[], key: string): unknown {
  const value = path.reduce((at: any, seg) => at[seg], body);
  return setAt(deleteAt(body, path), [...path.slice(0, -1), key], value);
}

// --- the defects ------------------------------------------------------------------------------------

interface Spec {
  category: string;
  body: unknown;
  /** Replaces the marker string in the serialised body: nesting too deep for JSON.stringify. */
  raw?: string;
  contentType?: string;
  idempotencyKey?: string;
  /** Path parameter overrides: odd values, already URL-encoded where meant. */
  odd?: Record<string, string>;
  /** What a caller allowed to make the call must get. */
  expect: { status: 400; field: string } | { status: 400 | 415 } | undefined;
}

const DEEP_MARK = '\u2063deep\u2063';
const deepText = fc
  .record({ depth: fc.integer({ min: 2_000, max: 20_000 }), shape: fc.constantFrom('array', 'object', 'mixed') })
  .map(({ depth, shape }) => {
    const open = (i: number) => (shape === 'array' || (shape === 'mixed' && i % 2) ? '[' : '{"a":');
    const close = (i: number) => (shape === 'array' || (shape === 'mixed' && i % 2) ? ']' : '}');
    let head = '';
    let tail = '';
    for (let i = 0; i < depth; i++) {
      head += open(i);
      tail = close(i) + tail;
    }
    return `${head}1${tail}`;
  });

const wrongValue = (s: Schema) =>
  fc
    .constantFrom<unknown>('text', '', 42, -1.5, 0, true, false, null, [], {}, ['text'], { a: 1 }, '1', 'true', 1e308)
    .filter((v) => {
      const types = typesOf(s);
      if (types.length === 0) return false;
      if (s.const !== undefined) return v !== s.const && jsonType(v) !== jsonType(s.const);
      const t = jsonType(v);
      return !types.includes(t) && !(t === 'integer' && types.includes('number'));
    });

const HUGE_EXTRA = fc.oneof(
  { arbitrary: fc.constant(1), weight: 4 },
  { arbitrary: fc.integer({ min: 2, max: 20_000 }), weight: 4 },
  { arbitrary: fc.constant(100_000), weight: 2 },
  { arbitrary: fc.constant(1_000_000), weight: 1 },
);
const UNKNOWN_KEYS = fc.oneof(fc.constantFrom('okänt', 'extra', '__proto__', 'constructor', 'toString', 'Type', 'name ', '$where', ''), text.map((t) => `x-${t}`));
const NUL_TEXT = fc.constantFrom('\u0000', 'a\u0000', '\u0000b', 'Åsa\u0000Öberg', '\u0000'.repeat(3));
const SURROGATE_TEXT = fc.constantFrom('\ud800', '\udfff', 'a\ud83d', '\ude00b', 'Åsa\udbffÖberg', '\ude00\ud83d', '\ud83d\ud83d\ude00');
const CONTENT_TYPES = fc.constantFrom('text/plain', 'text/plain;charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/xml', 'application/octet-stream', 'application/jsonx', 'none');
const INVALID_JSON = fc
  .oneof(
    fc.constantFrom('', ' ', '{', '}', '[', "{'type':'question'}", '{"a":1,}', '[1,]', '{"a" 1}', '{"a":01}', 'NaN', 'undefined', 'null null', '{"a":1}{"a":1}', '{"a":"\u0001"}', '"\\x41"', '"\\u12"', '{"a":"\t"}', '// kommentar\n{}', '{"a":.5}', '{"a":-}', '{"a":tru}', '\u0000', '{"a":"\ud800"'),
    fc.tuple(fc.constantFrom('{"type":"question","subject":"x"', '{"body":"hej"}', '{"name":"x"}'), fc.constantFrom('', ' x', ',', '}', ']', '"', '\\')).map(([a, b]) => a + b),
  )
  .filter((t) => {
    try {
      JSON.parse(t.replace(/^\ufeff/, ''));
      return false;
    } catch {
      return true;
    }
  });
/** 1–200 visible ASCII characters is a key; fetch trims spaces and tabs at the ends. */
const BAD_KEYS = fc
  .oneof(
    fc.constantFrom('', 'med mellanslag', 'tab\there', 'nyckel-åäö', '\u00a0', 'latin\u00ff'),
    fc.integer({ min: 201, max: 5_000 }).map((n) => 'k'.repeat(n)),
    fc.string({ unit: fc.constantFrom(' ', '\t', 'é', '\u0080', 'a', '\u00b4'), minLength: 1, maxLength: 20 }),
  )
  .filter((k) => !/^[\x21-\x7e]{1,200}$/.test(k.replace(/^[\t ]+|[\t ]+$/g, '')));
const ODD_SEGMENTS = fc.oneof(
  fc.constantFrom('', '%00', '%', '%ZZ', '%ED%A0%80', '%C0%AF', '%F0%9F%98', '%2e%2e', '%2F', '%5C', 'null', 'undefined', 'NaN', 'Infinity', '-1', '0', '1.5', '1e400'),
  fc.constantFrom('99999999999999999999', '9007199254740993', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '%20', '%E2%80%8B', '%F0%9F%98%80', 'KP-0000-00000'),
  fc.integer({ min: 300, max: 6_000 }).map((n) => 'x'.repeat(n)),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).map(encodeURIComponent),
);
/** The right resource written wrongly: a lenient parser would reach it. */
const oddForms = (good: string) =>
  fc.constantFrom(
    ...[`${good}%00`, `%20${good}`, `${good}%20`, `+${good}`, `${good}.0`, `${good}e0`, `${good}%ED%A0%80`, `${good}%C2%AD`, good.replace(/-/g, '%E2%80%90')]
      .concat(/^\d+$/.test(good) ? [`0x${Number(good).toString(16)}`, `${good}n`, `${good}%EF%BC%90`] : [])
      .filter((odd) => odd !== good),
  );

/** A personnummer born tomorrow in Stockholm, or later: a valid check digit, a date yet to come. */
function futurePnr(day: 'tomorrow' | 'far', coordination: boolean, dashed: boolean) {
  const today = stockholmToday();
  const date = day === 'far' ? '20991231' : new Date(Date.UTC(+today.slice(0, 4), +today.slice(4, 6) - 1, +today.slice(6) + 1)).toISOString().slice(0, 10).replace(/-/g, '');
  const dated = coordination ? date.slice(0, 6) + String(+date.slice(6) + 60) : date;
  const pnr = personnummer(dated, 123);
  return dashed ? `${pnr.slice(0, 8)}-${pnr.slice(8)}` : pnr;
}

/** What a defect generator knows of the valid body it spoils. */
interface Target {
  ep: Endpoint;
  body: unknown;
  action: string | undefined;
  nodes: Node[];
  strings: Node[];
  objects: Node[];
}

const pick = <T>(items: T[]) => fc.constantFrom(...items);
const fieldAt = (category: string, t: Target, n: Node, value: unknown): Spec => ({ category, body: setAt(t.body, n.path, value), expect: { status: 400, field: field(n.path) } });

function badText(category: string, bad: fc.Arbitrary<string>) {
  return (t: Target) => {
    const keyed = t.nodes.filter((n) => n.path.length > 0 && typeof n.path.at(-1) === 'string');
    const key = (path: Seg[], body: unknown): Spec => ({ category: `${category} in a key`, body, expect: { status: 400, field: field(path) } });
    const inKeys = [
      ...(t.objects.length ? [fc.tuple(pick(t.objects), bad).map(([n, b]) => key([...n.path, `x${b}`], setAt(t.body, [...n.path, `x${b}`], 'x')))] : []),
      ...(keyed.length ? [fc.tuple(pick(keyed), bad).map(([n, b]) => key([...n.path.slice(0, -1), `${n.path.at(-1)}${b}`], renameAt(t.body, n.path, `${n.path.at(-1)}${b}`)))] : []),
    ];
    const appended = (n: Node, b: string) => {
      const v = valueAt(t.body, n.path);
      return typeof v === 'string' ? v + b : b;
    };
    const inValues = t.strings.length ? [fc.tuple(pick(t.strings), bad).map(([n, b]) => fieldAt(`${category} in a value`, t, n, appended(n, b)))] : [];
    const places = [...inValues, ...(inKeys.length ? [fc.oneof(...inKeys)] : [])];
    return places.length ? fc.oneof(...places) : undefined;
  };
}

/** One generator per category; undefined where the body has no place for that defect. */
const DEFECTS: Array<(t: Target) => fc.Arbitrary<Spec> | undefined> = [
  (t) => pick(t.nodes.filter((n) => typesOf(n.schema).length > 0)).chain((n) => wrongValue(n.schema).map((v) => fieldAt('wrong type', t, n, v))),
  (t) => {
    const required = t.nodes.filter((n) => n.required);
    return required.length ? pick(required).map((n) => ({ category: 'missing field', body: deleteAt(t.body, n.path), expect: { status: 400, field: field(n.path) } })) : undefined;
  },
  (t) => {
    const closed = t.objects.filter((n) => n.schema.additionalProperties === false);
    if (!closed.length) return undefined;
    return fc.tuple(pick(closed), UNKNOWN_KEYS).map(([n, key]) => ({ category: 'unknown field', body: setAt(t.body, [...n.path, key], 'x'), expect: { status: 400, field: field([...n.path, key]) } }));
  },
  (t) => {
    const bounded = t.strings.filter((n) => n.schema.maxLength !== undefined || n.schema.const !== undefined || n.schema.enum || n.name in BY_NAME);
    if (!bounded.length) return undefined;
    return fc.tuple(pick(bounded), HUGE_EXTRA, fc.constantFrom('a', 'å', '😀', 'Åsa Öberg ')).map(([n, extra, unit]) => {
      // Past the documented maximum, counted as JSON Schema does, in code points; a field without
      // one (an identity number, a code) is far past any valid value.
      const length = (n.schema.maxLength ?? 300) + extra;
      return fieldAt('huge string', t, n, unit.repeat(Math.ceil(length / [...unit].length)));
    });
  },
  (t) => fc.tuple(pick(t.nodes), deepText).map(([n, deep]) => ({ ...fieldAt('deep nesting', t, n, DEEP_MARK), raw: deep })),
  badText('NUL', NUL_TEXT),
  badText('lone surrogate', SURROGATE_TEXT),
  (t) => {
    const pnrs = t.strings.filter((n) => n.name === 'personnummer');
    if (!pnrs.length) return undefined;
    return fc
      .tuple(pick(pnrs), fc.constantFrom<'tomorrow' | 'far'>('tomorrow', 'far'), fc.boolean(), fc.boolean())
      .map(([n, day, coordination, dashed]) => fieldAt('future personnummer', t, n, futurePnr(day, coordination, dashed)));
  },
  (t) => CONTENT_TYPES.map((contentType) => ({ category: 'content type', body: t.body, contentType, expect: { status: 415 } })),
  () => INVALID_JSON.map((raw) => ({ category: 'invalid JSON', body: DEEP_MARK, raw, expect: { status: 400 } })),
  (t) => (t.ep.idempotencyKey ? BAD_KEYS.map((key) => ({ category: 'Idempotency-Key', body: t.body, idempotencyKey: key, expect: { status: 400, field: 'idempotency-key' } })) : undefined),
  (t) => {
    const params = [...t.ep.template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    if (!params.length) return undefined;
    return pick(params).chain((p) => {
      const good = goodParam(t.ep.template, p, 'customer token') ?? t.action ?? 'x';
      return fc.oneof(ODD_SEGMENTS, oddForms(good)).map((odd): Spec => ({ category: 'odd path parameter', body: t.body, odd: { [p]: odd }, expect: undefined }));
    });
  },
];

function defects(ep: Endpoint, body: unknown, action: string | undefined): fc.Arbitrary<Spec>[] {
  const nodes = nodesOf(body, ep.body, action);
  const isObject = (n: Node) => {
    const v = valueAt(body, n.path);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  };
  const target: Target = { ep, body, action, nodes, strings: nodes.filter((n) => typesOf(n.schema).includes('string')), objects: nodes.filter(isObject) };
  return DEFECTS.map((make) => make(target)).filter((a): a is fc.Arbitrary<Spec> => a !== undefined);
}

const valueAt = (body: unknown, path: Seg[]) => path.reduce((at: any, seg) => at?.[seg], body);

// --- sending ------------------------------------------------------------------------------------------

const ALL: Who[] = ['customer token', 'customer session', 'person session', 'handler token', 'admin session', 'anonymous', 'customer session without CSRF'];

interface Sent {
  category: string;
  who: Who;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | Uint8Array | URLSearchParams | FormData | undefined;
  /** Set when the caller may make the call and the path reaches the resource. */
  expect: Spec['expect'];
}

function credentials(who: Who): Record<string, string> {
  if (who === 'customer token') return { Authorization: `Bearer ${h.customerToken}` };
  if (who === 'handler token') return { Authorization: `Bearer ${h.staffToken}` };
  if (who === 'anonymous') return {};
  const s = cookies[who === 'customer session without CSRF' ? 'customer session' : who]!;
  return who === 'customer session without CSRF' ? { Cookie: s.cookie } : { Cookie: s.cookie, 'X-CSRF-Token': s.csrf };
}

function encodeBody(spec: Spec): { body: Sent['body']; contentType?: string } {
  let json = JSON.stringify(spec.body) ?? '';
  if (spec.raw !== undefined) json = json.replace(JSON.stringify(DEEP_MARK), () => spec.raw!);
  switch (spec.contentType ?? 'application/json') {
    case 'none':
      return { body: new TextEncoder().encode(json) };
    case 'application/x-www-form-urlencoded':
    case 'multipart/form-data': {
      const flat = Object.entries(spec.body && typeof spec.body === 'object' ? spec.body : { body: spec.body }).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
      const form = spec.contentType === 'multipart/form-data' ? new FormData() : new URLSearchParams();
      for (const [k, v] of flat) form.append(k!, v!);
      // An empty form would be an empty body: send something.
      if (flat.length === 0) form.append('x', 'y');
      return { body: form };
    }
    default:
      return { body: json, contentType: spec.contentType ?? 'application/json' };
  }
}

const requests = (endpoints: Endpoint[], actions: string[]) =>
  fc
    .record({ ep: fc.constantFrom(...endpoints), anyone: fc.integer({ min: 0, max: 9 }), whoPick: fc.nat(), actionPick: fc.nat() })
    .chain(({ ep, anyone, whoPick, actionPick }) => {
      const who = anyone === 0 ? ALL[whoPick % ALL.length]! : ep.authorised[whoPick % ep.authorised.length]!;
      const action = ep.template.includes('{action}') ? actions[actionPick % actions.length] : undefined;
      return validArb(ep.body, '', action).chain((body) =>
        fc.oneof(...defects(ep, body, action)).map((spec): Sent => {
          const values: Record<string, string> = {};
          let reachable = true;
          for (const [, p] of ep.template.matchAll(/\{(\w+)\}/g)) {
            const good = p === 'action' ? action : goodParam(ep.template, p!, who);
            reachable &&= good !== undefined && spec.odd?.[p!] === undefined;
            values[p!] = spec.odd?.[p!] ?? encodeURIComponent(good ?? 'x');
          }
          const { body: encoded, contentType } = encodeBody(spec);
          return {
            category: spec.category,
            who,
            method: ep.method,
            path: ep.template.replace(/\{(\w+)\}/g, (_, p: string) => values[p]!),
            headers: {
              ...credentials(who),
              ...(contentType ? { 'Content-Type': contentType } : {}),
              ...(spec.idempotencyKey !== undefined ? { 'Idempotency-Key': spec.idempotencyKey } : {}),
            },
            body: encoded,
            expect: reachable && ep.authorised.includes(who) ? spec.expect : undefined,
          };
        }),
      );
    });

// --- what must hold -------------------------------------------------------------------------------------

// Tables every authenticated request may touch: rate-limit counters, and the last-seen and last-used
// times of sessions and API tokens (db/sessions.ts, db/tokens.ts). email_log is left out too: only the
// worker writes it, some time after an accepted request that has itself written the case.
const CHANGING_TABLES = new Set(['rate_limit_windows', 'email_log']);
/** Tables whose writes set a case workflow going, which may write more a little later. */
const CASE_TABLES = ['cases', 'case_events', 'case_messages', 'notifications'];
const CHANGING_COLUMNS: Record<string, string[]> = { sessions: ['last_seen_at'], api_tokens: ['last_used_at'] };
let fingerprintSql = '';

async function prepareFingerprint() {
  const { rows } = await sql<{ t: string }>`
    select table_name as t from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(h.db);
  const tables = rows.map((r) => r.t).filter((t) => !CHANGING_TABLES.has(t));
  expect(tables).toEqual(expect.arrayContaining(['cases', 'case_events', 'case_messages', 'customer_accounts', 'organisations', 'staff', 'api_tokens', 'sessions', 'notifications', 'idempotency_keys']));
  fingerprintSql = tables
    .map((t) => {
      const row = `(to_jsonb(t) - array[${(CHANGING_COLUMNS[t] ?? []).map((c) => `'${c}'`).join(',')}]::text[])::text`;
      return `select '${t}' as t, count(*) || ':' || md5(coalesce(string_agg(${row}, '|' order by ${row}), '')) as f from "${t}" t`;
    })
    .join(' union all ');
}

/**
 * A fingerprint per table (row count and a hash of every row), to see any insert, update or delete.
 * Computed only when some transaction that wrote has ended since the last one (the snapshot of the
 * server's transactions changed): reading every table after every request would take longer.
 */
let lastSnapshot = '';
let lastFingerprint = new Map<string, string>();
async function fingerprint(): Promise<Map<string, string>> {
  const snapshot = (await sql<{ s: string }>`select pg_current_snapshot()::text as s`.execute(h.db)).rows[0]!.s;
  if (snapshot === lastSnapshot) return lastFingerprint;
  const { rows } = await sql.raw<{ t: string; f: string }>(fingerprintSql).execute(h.db);
  [lastSnapshot, lastFingerprint] = [snapshot, new Map(rows.map((r) => [r.t, r.f]))];
  return lastFingerprint;
}
const changedTables = (a: Map<string, string>, b: Map<string, string>) => [...a.keys()].filter((t) => a.get(t) !== b.get(t));

/** Waits until no transaction has ended for a while (a workflow may still be writing after an accepted request). */
async function settled(): Promise<Map<string, string>> {
  let stableSince = Date.now();
  let snapshot = '';
  for (const deadline = Date.now() + 5_000; Date.now() < deadline && Date.now() - stableSince < 60; ) {
    await new Promise((r) => setTimeout(r, 15));
    const now = (await sql<{ s: string }>`select pg_current_snapshot()::text as s`.execute(h.db)).rows[0]!.s;
    if (now !== snapshot) [snapshot, stableSince] = [now, Date.now()];
  }
  return fingerprint();
}

// A field path compared with what the problem names: unstorable characters may be shown as U+FFFD.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const normalField = (f: string) => f.replace(UNSTORABLE, '\ufffd');
/** The field itself, a field inside it (nesting), or the object around it (a union), but never just ''. */
function names(errorField: string, target: string) {
  const [e, t] = [normalField(errorField), normalField(target)];
  if (t === '' || e === t || e.startsWith(`${t}.`)) return true;
  return e !== '' && t.startsWith(`${e}.`);
}

interface Answer {
  status: number;
  contentType: string;
  json: any;
}

/** Every way the answer falls short; empty when it is right. */
function shortcomings(req: Sent, res: Answer, written: string[]): string[] {
  const found: string[] = [];
  if (res.status >= 500) found.push(`${res.status}`);
  else if (res.status < 400) found.push(`accepted (${res.status})`);
  if (res.status >= 400 && res.status < 500) {
    const p = res.json;
    if (!/^application\/problem\+json/.test(res.contentType)) found.push(`${res.status} as ${res.contentType || 'no content type'}`);
    else if (!p || typeof p.type !== 'string' || typeof p.title !== 'string' || p.status !== res.status) found.push(`${res.status} problem without type, title or status`);
    else if (p.type === 'https://kundportal.se/problems/validation') {
      const ok = Array.isArray(p.errors) && p.errors.length > 0 && p.errors.every((e: any) => typeof e?.field === 'string' && typeof e?.message === 'string' && e.message.length > 0);
      if (!ok) found.push('validation problem without errors[].field');
    }
  }
  if (written.length) found.push(`wrote ${written.join(', ')}`);
  const want = req.expect;
  if (want && res.status < 500 && res.status >= 400) {
    if (res.status !== want.status) found.push(`${res.status} instead of ${want.status}`);
    else if ('field' in want) {
      const fields: string[] = res.json?.type === 'https://kundportal.se/problems/validation' && Array.isArray(res.json.errors) ? res.json.errors.map((e: any) => String(e?.field)) : [];
      const header = want.field === 'idempotency-key';
      if (!fields.some((f) => (header ? f.toLowerCase() === want.field : names(f, want.field)))) found.push(`400 not naming ${header ? 'the header' : 'the field'}`);
    }
  }
  return found;
}

function describeRequest(req: Sent): string {
  const preview = (s: string) => (s.length > 160 ? `${JSON.stringify(s.slice(0, 120))}… (${s.length} characters)` : JSON.stringify(s));
  const body =
    typeof req.body === 'string' ? preview(req.body) : req.body instanceof Uint8Array ? `${preview(new TextDecoder().decode(req.body))} as bytes` : req.body instanceof URLSearchParams ? preview(req.body.toString()) : req.body ? 'multipart form' : 'none';
  const headers = Object.entries(req.headers)
    .filter(([k]) => k !== 'Authorization' && k !== 'Cookie' && k !== 'X-CSRF-Token')
    .map(([k, v]) => `${k}: ${preview(v)}`);
  return `${req.method} ${req.path.length > 120 ? `${req.path.slice(0, 100)}…` : req.path} as ${req.who}${headers.length ? `; ${headers.join('; ')}` : ''}; body ${body}`;
}

/** The endpoint list: the document's, then the back office's; and the actions a case takes. */
function endpointsAndActions() {
  const documented = documentedEndpoints();
  expect(documented.length).toBeGreaterThan(0);
  const actionEp = documented.find((e) => e.template.includes('{action}'));
  const actionParam = actionEp && Object.values(doc.paths[actionEp.template]!).flatMap((op: any) => op?.parameters ?? []).map(deref).find((p: any) => p.name === 'action');
  const actions = ((actionParam && schemaOf(actionParam.schema).enum) as string[] | undefined) ?? ['take', 'assign', 'reply', 'note', 'request-info', 'close', 'reopen'];
  return { endpoints: [...documented, ...backOfficeEndpoints(actionEp?.body ?? { type: 'object' })], actions };
}

const timing = { request: 0, check: 0 };
let before = new Map<string, string>();

/** Sends one request and says what it wrote, once whatever it set going has settled. */
async function send(req: Sent): Promise<{ answer: Answer; raw: string; written: string[] }> {
  const t0 = performance.now();
  const res = await fetch(h.baseUrl + req.path, { method: req.method, headers: req.headers, body: req.body, redirect: 'manual' });
  const raw = await res.text();
  const t1 = performance.now();
  let json: unknown;
  try {
    json = raw ? JSON.parse(raw) : undefined;
  } catch {
    json = undefined;
  }
  let after = await fingerprint();
  if (changedTables(before, after).some((t) => CASE_TABLES.includes(t))) after = await settled();
  const written = changedTables(before, after);
  if (written.length) {
    await heal();
    after = await fingerprint();
  }
  before = after;
  timing.request += t1 - t0;
  timing.check += performance.now() - t1;
  return { answer: { status: res.status, contentType: res.headers.get('content-type') ?? '', json }, raw, written };
}

it(`gives ${RUNS} generated malformed requests a 4xx problem and writes nothing`, async () => {
  const started = Date.now();
  const { endpoints, actions } = endpointsAndActions();
  await prepareFingerprint();
  await heal();
  before = await settled();

  const statuses = new Map<number, number>();
  const byCategory = new Map<string, number>();
  const failures = new Map<string, { count: number; example: string }>();
  const count = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
  let exact = 0;
  await fc.assert(
    fc.asyncProperty(requests(endpoints, actions), async (req) => {
      const { answer, raw, written } = await send(req);
      count(statuses, answer.status);
      count(byCategory, req.category);
      if (req.expect) exact++;
      for (const s of shortcomings(req, answer, written)) {
        const key = `${req.category}: ${s.startsWith('wrote') ? 'row written' : s}`;
        const seen = failures.get(key);
        if (seen) seen.count++;
        else failures.set(key, { count: 1, example: `${describeRequest(req)} → ${answer.status} ${raw.slice(0, 300)}${s.startsWith('wrote') ? ` (${s})` : ''}` });
      }
    }),
    // Nothing to shrink: the property records every shortcoming and fails below, by category.
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const spent = `${(timing.request / 1000).toFixed(1)} s in requests, ${(timing.check / 1000).toFixed(1)} s checking the database`;
  const sorted = <K>(m: Map<K, number>) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `${k}: ${n}`).join(', ');
  console.log(
    `bad-input-generated: ${RUNS} requests in ${seconds} s (${spent}; BAD_INPUT_SEED=${SEED})\n` +
      `  statuses: ${sorted(statuses)}\n  categories: ${sorted(byCategory)}\n` +
      `  ${exact} by a caller allowed to make the call, on a resource that exists: held to the exact status and field`,
  );
  const report = [...failures].sort().map(([key, f]) => `${key} (${f.count}×)\n    e.g. ${f.example}`);
  if (report.length) console.log(`failures:\n  ${report.join('\n  ')}`);
  expect(report).toEqual([]);
}, 600_000);
