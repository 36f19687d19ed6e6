// Rate limits shared by every API process: hono-rate-limiter with its counters in Postgres.
import type { Context, Env, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { rateLimiter, type Store } from 'hono-rate-limiter';
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import { problem } from '../domain/index.js';
import { sendProblem } from './problems.js';

/** The longest window any limiter uses (the contact form's hour). */
const LONGEST_WINDOW_MS = 60 * 60 * 1000;

/** Fixed windows in `rate_limit_windows`; an in-memory store would let each process allow the full limit. */
function postgresStore<E extends Env>(db: Db, windowMs: number): Store<E> {
  const windowOf = (now = Date.now()) => new Date(now - (now % windowMs));
  return {
    async increment(key) {
      const windowStart = windowOf();
      const { hits } = await db
        .insertInto('rate_limit_windows')
        .values({ key, windowStart, hits: 1 })
        .onConflict((oc) => oc.columns(['key', 'windowStart']).doUpdateSet({ hits: sql`rate_limit_windows.hits + 1` }))
        .returning('hits')
        .executeTakeFirstOrThrow();
      // Old windows are worthless; the first hit of a window sweeps them. Limiters of several window
      // lengths share the table, so only what is older than the longest window goes.
      if (hits === 1) {
        const cutoff = windowStart.getTime() - Math.max(windowMs, LONGEST_WINDOW_MS);
        await db.deleteFrom('rate_limit_windows').where('windowStart', '<', new Date(cutoff)).execute();
      }
      return { totalHits: hits, resetTime: new Date(windowStart.getTime() + windowMs) };
    },
    async decrement(key) {
      await db
        .updateTable('rate_limit_windows')
        .set({ hits: sql`greatest(hits - 1, 0)` })
        .where('key', '=', key)
        .where('windowStart', '=', windowOf())
        .execute();
    },
    async resetKey(key) {
      await db.deleteFrom('rate_limit_windows').where('key', '=', key).execute();
    },
  };
}

/**
 * One more attempt under `key` in a fixed window of `windowMs`, in the same shared counters; true while
 * within `limit`. For limits keyed by what a form says (an e-mail address), which middleware cannot read.
 */
export async function withinLimit(db: Db, key: string, limit: number, windowMs: number): Promise<boolean> {
  const { totalHits } = await postgresStore(db, windowMs).increment(key);
  return totalHits <= limit;
}

/** The client's address as the socket saw it; behind a proxy, rate limiting belongs in the proxy too. */
export const clientAddress = (c: Context) => getConnInfo(c).remote.address ?? 'unknown';

export function rateLimit<E extends Env>(db: Db, o: { name: string; perMinute: number; key: (c: Context<E>) => string }): MiddlewareHandler<E> {
  return rateLimiter<E>({
    windowMs: 60_000,
    limit: o.perMinute,
    standardHeaders: 'draft-7',
    keyGenerator: (c) => `${o.name}:${o.key(c)}`,
    store: postgresStore<E>(db, 60_000),
    handler: (c) =>
      sendProblem(
        c,
        problem(429, 'För många försök', 'Du har gjort för många försök på kort tid. Vänta en minut och försök igen.', {
          type: 'https://kundportal.se/problems/rate-limited',
        }),
      ),
  });
}
