import type { Transaction } from 'kysely';
import type { Executor } from './client.js';
import type { DB } from './schema.js';

/** Runs `fn` in the caller's transaction, or in a new one when there is none. */
export const inTransaction = <T>(db: Executor, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> =>
  db.isTransaction ? fn(db as Transaction<DB>) : db.transaction().execute(fn);
