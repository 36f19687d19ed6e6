// Keyset paging over (created_at, id), newest first: as fast on page 1,000 as on page 1.
import { type SelectQueryBuilder, sql } from 'kysely';

export interface Keyset {
  createdAt: Date;
  id: number;
}

/** Opaque to clients: a cursor is only ever handed back to us. */
export const encodeCursor = (k: Keyset) => Buffer.from(`${k.createdAt.toISOString()}|${k.id}`).toString('base64url');

export function decodeCursor(cursor: string): Keyset | undefined {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  const n = Number(id);
  return Number.isNaN(createdAt.getTime()) || !Number.isSafeInteger(n) ? undefined : { createdAt, id: n };
}

/** Applies "older than the cursor", the order and limit + 1 (to know whether a next page exists). */
export function newestFirst<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  columns: { createdAt: string; id: string },
  after: Keyset | undefined,
  limit: number,
) {
  return q
    .$if(after !== undefined, (qb) =>
      qb.where(sql<boolean>`(${sql.ref(columns.createdAt)}, ${sql.ref(columns.id)}) < (${after!.createdAt}, ${after!.id})`),
    )
    .orderBy(sql.ref(columns.createdAt), 'desc')
    .orderBy(sql.ref(columns.id), 'desc')
    .limit(limit + 1);
}

/** Splits the extra row off and builds the next cursor. */
export function page<T>(rows: T[], limit: number, key: (row: T) => Keyset) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(key(last)) : null };
}
