// Pieces of WHERE clauses that the back office's lists and the case queues share.
import { type Expression, type SqlBool, sql } from 'kysely';

/** Free text taken literally by LIKE: its wildcards and the escape character lose their meaning. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** A LIKE pattern matching any text that contains `q`. */
export const contains = (q: string) => `%${escapeLike(q)}%`;

/** Every condition at once; no condition matches every row. */
export const whereAll = (conditions: Expression<SqlBool>[]) =>
  conditions.length > 0 ? sql<SqlBool>`${sql.join(conditions, sql` and `)}` : sql<SqlBool>`true`;
