// Token look-ups are cached per API process, and revocations and role changes made through one process
// take effect at once in another (LISTEN/NOTIFY, db/token-cache.ts); without the listening connection
// the cache is bypassed.
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createApp } from '../api/app.js';
import { type Db, createDb } from '../db/client.js';
import { upsertCustomerAccount, upsertOrganisation, upsertStaff } from '../db/people.js';
import { startTokenCache } from '../db/token-cache.js';
import { createApiToken } from '../db/tokens.js';
import { freePort } from '../scripts/temporal-dev-server.js';
import { organisationsnummer, personnummer, sithsOrder } from '../scripts/sample-cases.js';
import { type Harness, sleep, startHarness } from './helpers/harness.js';

let h: Harness;
/** Two API processes on one database, each with its own pool, token cache and listening connection. */
const instances: Array<{ db: Db; cache: ReturnType<typeof startTokenCache>; url: string; close(): Promise<void>; tokenReads: number }> = [];

async function startInstance() {
  const url = inject('databaseUrl');
  const instance = {
    tokenReads: 0,
    db: undefined as unknown as Db,
    cache: undefined as unknown as ReturnType<typeof startTokenCache>,
    url: '',
    close: async () => {},
  };
  // Counts the reads of api_tokens this instance makes: a cached look-up makes none.
  instance.db = createDb(url, {
    log: (e) => {
      if (e.level === 'query' && /from "api_tokens"/.test(e.query.sql)) instance.tokenReads++;
    },
  });
  // A minute to live: anything these tests see change must come from a notice, not from expiry.
  instance.cache = startTokenCache(instance.db, url, { ttlMs: 60_000, maxEntries: 100 });
  await instance.cache.ready();
  const app = createApp({ ...h.apiDeps, db: instance.db });
  const port = await freePort();
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  instance.url = `http://127.0.0.1:${port}`;
  instance.close = async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await instance.cache.close();
    await instance.db.destroy();
  };
  instances.push(instance);
  return instance;
}

type Instance = Awaited<ReturnType<typeof startInstance>>;

async function call(via: Instance, method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(via.url + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/**
 * NOTIFY is asynchronous: the other process hears of a commit when its listening connection delivers
 * the notice, normally within a millisecond or two. "At once" here means the very next request, or one
 * a few milliseconds later on a loaded machine: far below the cache's time to live (a minute here).
 */
const NOTICE_MS = 250;
const attemptsNeeded: number[] = [];
async function soon(request: () => Promise<{ status: number }>, status: number) {
  const started = performance.now();
  for (let attempt = 1; ; attempt++) {
    const got = (await request()).status;
    if (got === status || performance.now() - started > NOTICE_MS) {
      attemptsNeeded.push(attempt);
      return got;
    }
    await sleep(5);
  }
}

let one: Instance;
let other: Instance;
let orderer: { id: number; token: string };
let localAdmin: string;

beforeAll(async () => {
  h = await startHarness();
  one = await startInstance();
  other = await startInstance();
  const orgId = await upsertOrganisation(h.db, { organisationsnummer: organisationsnummer('212004'), name: 'Region Delta', verified: true });
  const ordererId = await upsertCustomerAccount(h.db, h.cipher, { organisationId: orgId, personnummer: personnummer('19881213', 21), name: 'Olle Beställare', email: 'olle@delta.se' });
  orderer = { id: ordererId, token: await createApiToken(h.db, { customerAccountId: ordererId }, 'integration') };
  const adminId = await upsertCustomerAccount(h.db, h.cipher, {
    organisationId: orgId,
    personnummer: personnummer('19770708', 22),
    name: 'Lisa Lokaladmin',
    email: 'lisa@delta.se',
    isLocalAdmin: true,
  });
  localAdmin = await createApiToken(h.db, { customerAccountId: adminId }, 'integration');
});
afterAll(async () => {
  console.log(`token cache: requests to the other process until it answered as changed: ${attemptsNeeded.join(', ')}`);
  for (const i of instances) await i.close();
  await h?.stop();
});

const { contact: _, ...order } = sithsOrder('olle@delta.se', 1);

it('a token is read once per process, then served from the cache', async () => {
  const reads = other.tokenReads;
  for (let i = 0; i < 5; i++) expect((await call(other, 'GET', '/api/v1/me', orderer.token)).status).toBe(200);
  expect(other.tokenReads - reads).toBe(1);
});

it('granting and withdrawing the right to order through one process takes effect at once in the other', async () => {
  // The other process has Olle cached without the right.
  expect((await call(other, 'POST', '/api/v1/cases', orderer.token, order)).status).toBe(403);

  expect((await call(one, 'PUT', `/api/v1/organisation/members/${orderer.id}/roles`, localAdmin, { canOrder: true })).status).toBe(200);
  expect(await soon(() => call(other, 'POST', '/api/v1/cases', orderer.token, order), 201)).toBe(201);

  expect((await call(one, 'PUT', `/api/v1/organisation/members/${orderer.id}/roles`, localAdmin, { canOrder: false })).status).toBe(200);
  expect(await soon(() => call(other, 'POST', '/api/v1/cases', orderer.token, order), 403)).toBe(403);
});

it('a token revoked through one process is refused at once by the other', async () => {
  const token = await createApiToken(h.db, { customerAccountId: orderer.id }, 'to revoke');
  expect((await call(other, 'GET', '/api/v1/me', token)).status).toBe(200);
  const listed = await call(one, 'GET', '/api/v1/tokens', token);
  const id = listed.json.find((t: { name: string }) => t.name === 'to revoke').id;

  expect((await call(one, 'DELETE', `/api/v1/tokens/${id}`, token)).status).toBe(204);
  expect(await soon(() => call(other, 'GET', '/api/v1/me', token), 401)).toBe(401);
  expect((await call(one, 'GET', '/api/v1/me', token)).status).toBe(401);
  // The account's other token is untouched and still cached.
  const reads = other.tokenReads;
  expect((await call(other, 'GET', '/api/v1/me', orderer.token)).status).toBe(200);
  expect(other.tokenReads).toBe(reads);
});

it('a staff member deactivated through one process is refused at once by the other', async () => {
  const adminStaff = await createApiToken(h.db, { staffId: await upsertStaff(h.db, { name: 'Ada Admin', email: `ada.${Date.now()}@kundportal.local`, role: 'admin' }) }, 't');
  const handlerId = await upsertStaff(h.db, { name: 'Harald Handläggare', email: `harald.${Date.now()}@kundportal.local`, role: 'handler' });
  const handler = await createApiToken(h.db, { staffId: handlerId }, 't');
  expect((await call(other, 'GET', '/api/admin/staff', handler)).status).toBe(200);

  expect((await call(one, 'PUT', `/api/admin/staff/${handlerId}`, adminStaff, { active: false })).status).toBe(200);
  expect(await soon(() => call(other, 'GET', '/api/admin/staff', handler), 401)).toBe(401);
});

it('a change written straight to the database (psql, a script) is heard too', async () => {
  expect((await call(other, 'GET', '/api/v1/organisation/members', orderer.token)).status).toBe(403);
  await sql`update customer_accounts set is_local_admin = true where id = ${orderer.id}`.execute(h.db);
  expect(await soon(() => call(other, 'GET', '/api/v1/organisation/members', orderer.token), 200)).toBe(200);
  await sql`update customer_accounts set is_local_admin = false where id = ${orderer.id}`.execute(h.db);
  expect(await soon(() => call(other, 'GET', '/api/v1/organisation/members', orderer.token), 403)).toBe(403);
});

it('while the listening connection is lost the cache is bypassed, and it is used again once back', async () => {
  expect((await call(other, 'GET', '/api/v1/me', orderer.token)).status).toBe(200);
  await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'kundportal-token-cache' and datname = current_database()`.execute(h.db);
  for (let i = 0; other.cache.listening || one.cache.listening; i++) {
    expect(i).toBeLessThan(100);
    await sleep(20);
  }
  // Nobody hears this one: the processes must read it from Postgres.
  await sql`update customer_accounts set is_local_admin = true where id = ${orderer.id}`.execute(h.db);
  const reads = other.tokenReads;
  expect((await call(other, 'GET', '/api/v1/organisation/members', orderer.token)).status).toBe(200);
  expect((await call(other, 'GET', '/api/v1/organisation/members', orderer.token)).status).toBe(200);
  expect(other.tokenReads - reads).toBe(2);

  await other.cache.ready();
  await one.cache.ready();
  expect((await call(other, 'GET', '/api/v1/organisation/members', orderer.token)).status).toBe(200);
  const cachedReads = other.tokenReads;
  expect((await call(other, 'GET', '/api/v1/organisation/members', orderer.token)).status).toBe(200);
  expect(other.tokenReads).toBe(cachedReads);
  await sql`update customer_accounts set is_local_admin = false where id = ${orderer.id}`.execute(h.db);
  expect(await soon(() => call(other, 'GET', '/api/v1/organisation/members', orderer.token), 403)).toBe(403);
});
