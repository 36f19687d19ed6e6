// API token look-ups cached for a few seconds in each API process, so an integration's requests do not
// each read the token row. Correctness never rests on the time to live: every change that ends or
// narrows a token's rights (revocation, the right to order, local-admin or staff role, a deactivated
// staff member) is announced by a trigger with NOTIFY on `principal_changed` (migration
// 2026-11-26T1100), and each process listens on a connection of its own and drops what it heard about
// the moment the notice arrives. Without that connection (not yet up, lost, reconnecting) the cache is
// empty and every look-up reads Postgres, so a missed notice can never leave a stale entry behind.
import pg from 'pg';
import type { Db } from './client.js';
import { findTokenOwner, hashToken } from './tokens.js';

type Owner = NonNullable<Awaited<ReturnType<typeof findTokenOwner>>>;

const CHANNEL = 'principal_changed';

export interface TokenCacheOptions {
  /** How long a look-up is reused; a notice drops it sooner. */
  ttlMs: number;
  /** At most this many tokens are kept; the least recently cached go first. */
  maxEntries: number;
  log?: ((msg: string) => void) | undefined;
  /** How often the listening connection is checked, so a silently dead one is noticed. */
  pingMs?: number;
}

class TokenCache {
  readonly #entries = new Map<string, { owner: Owner; expiresAt: number }>();
  #listening = false;
  /** Bumped by every notice and every loss of the listener: a look-up begun before it is not stored. */
  #generation = 0;
  #client: pg.Client | undefined;
  #retry: NodeJS.Timeout | undefined;
  #retryMs = 500;
  #stopped = false;
  #onListening: Array<() => void> = [];

  constructor(
    private readonly db: Db,
    private readonly connectionString: string,
    private readonly o: TokenCacheOptions,
  ) {
    this.#connect();
  }

  /** Whether entries are being served: only while the listening connection is up. */
  get listening() {
    return this.#listening;
  }

  /** Resolves once the process listens (tests and measurements wait for it; requests never do). */
  ready(): Promise<void> {
    return this.#listening ? Promise.resolve() : new Promise((resolve) => this.#onListening.push(resolve));
  }

  async find(token: string): Promise<Owner | undefined> {
    if (!this.#listening) return findTokenOwner(this.db, token);
    const key = hashToken(token);
    const hit = this.#entries.get(key);
    if (hit && hit.expiresAt > Date.now()) return hit.owner;
    if (hit) this.#entries.delete(key);
    const generation = this.#generation;
    const owner = await findTokenOwner(this.db, token);
    // A notice that came while the row was being read may be about this very row: then keep nothing.
    // One that comes after this point finds the entry and drops it.
    if (owner && this.#listening && generation === this.#generation) {
      this.#entries.set(key, { owner, expiresAt: Date.now() + this.o.ttlMs });
      if (this.#entries.size > this.o.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    }
    return owner;
  }

  async close(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#retry);
    this.#forget();
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => {});
  }

  #forget() {
    this.#listening = false;
    this.#generation++;
    this.#entries.clear();
  }

  /** 'token:42', 'account:7' or 'staff:3'; anything else empties the cache. */
  #invalidate(payload: string) {
    this.#generation++;
    const [kind, rawId] = payload.split(':');
    const id = Number(rawId);
    const field = kind === 'token' ? 'id' : kind === 'account' ? 'customerAccountId' : kind === 'staff' ? 'staffId' : undefined;
    if (!field || !Number.isInteger(id)) return this.#entries.clear();
    for (const [key, { owner }] of this.#entries) if (owner[field] === id) this.#entries.delete(key);
  }

  #connect() {
    if (this.#stopped) return;
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: 'kundportal-token-cache',
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
      query_timeout: 5_000,
    });
    let gone = false;
    let ping: NodeJS.Timeout | undefined;
    const lost = (err: unknown) => {
      if (gone) return;
      gone = true;
      clearInterval(ping);
      if (this.#client === client) this.#client = undefined;
      this.#forget();
      client.end().catch(() => {});
      if (this.#stopped) return;
      this.o.log?.(`token cache: not listening (${(err as Error)?.message ?? String(err)}); reading tokens from Postgres until it is back`);
      this.#retry = setTimeout(() => this.#connect(), this.#retryMs);
      this.#retry.unref();
      this.#retryMs = Math.min(this.#retryMs * 2, 30_000);
    };
    client.on('error', lost);
    client.on('end', () => lost(new Error('connection closed')));
    client.on('notification', (n) => {
      if (n.channel === CHANNEL) this.#invalidate(n.payload ?? '');
    });
    client
      .connect()
      .then(() => client.query(`listen ${CHANNEL}`))
      .then(() => {
        if (gone) return;
        if (this.#stopped) return lost(new Error('stopped'));
        this.#client = client;
        // Notices sent while not listening are lost: start from nothing.
        this.#forget();
        this.#listening = true;
        this.#retryMs = 500;
        ping = setInterval(() => client.query('select 1').catch(lost), this.o.pingMs ?? 5_000);
        ping.unref();
        for (const resolve of this.#onListening.splice(0)) resolve();
      })
      .catch(lost);
  }
}

const caches = new WeakMap<Db, TokenCache>();

/** Caches token look-ups made through `db` in this process, listening on a connection of its own. */
export function startTokenCache(db: Db, connectionString: string, o: TokenCacheOptions) {
  const cache = new TokenCache(db, connectionString, o);
  caches.set(db, cache);
  return {
    ready: () => cache.ready(),
    get listening() {
      return cache.listening;
    },
    close: () => {
      if (caches.get(db) === cache) caches.delete(db);
      return cache.close();
    },
  };
}

/** findTokenOwner through this process's cache for `db` when one was started, straight from Postgres otherwise. */
export const findTokenOwnerCached = (db: Db, token: string) => caches.get(db)?.find(token) ?? findTokenOwner(db, token);
