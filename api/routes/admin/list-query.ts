// react-admin's simple-rest list parameters: `filter`, `sort` and `range` as JSON in the query string,
// and the `Content-Range` header its data provider reads the total from.
import type { Context } from 'hono';
import { z } from 'zod';
import { fieldErrors, swedishErrorMap } from '../../../domain/index.js';
import { invalidFields } from '../../problems.js';

export const MAX_PAGE_SIZE = 1000;
const DEFAULT_PAGE_SIZE = 25;

/** An id as react-admin may hold it: a number, or its digits as text (from a URL). */
export const idValue = z.union([
  z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  z.string().regex(/^\d{1,15}$/, 'Ogiltigt id').transform(Number),
]);

/** Free text; empty means no search. NUL is refused: Postgres cannot take it. */
export const searchText = (min = 1) =>
  z
    .string()
    .trim()
    .max(200, 'Högst 200 tecken')
    .refine((s) => !s.includes('\0'), 'Texten innehåller ett otillåtet tecken (NUL)')
    .refine((s) => s === '' || s.length >= min, `Ange minst ${min} tecken för att söka`)
    .transform((s) => (s === '' ? undefined : s));

const offset = z.number().int().min(0).max(2 ** 31 - 1);
const rangeSchema = z
  .tuple([offset, offset])
  .refine(([start, end]) => end >= start, 'Slutet får inte komma före början')
  .refine(([start, end]) => end - start < MAX_PAGE_SIZE, `Högst ${MAX_PAGE_SIZE} rader per sida`);

function parseParam<S extends z.ZodType>(c: Context, name: string, schema: S): z.output<S> | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw invalidFields(`Parametern ${name} är inte giltig JSON.`, [{ field: name, message: 'Ogiltig JSON' }]);
  }
  const parsed = schema.safeParse(value, { error: swedishErrorMap });
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error).map((e) => ({ field: e.field ? `${name}.${e.field}` : name, message: e.message }));
    throw invalidFields(`Parametern ${name} är felaktig.`, errors);
  }
  return parsed.data;
}

export interface ListQuery<F, S extends string> {
  filter: F;
  sort: { field: S; order: 'asc' | 'desc' };
  /** Inclusive, as react-admin sends it; absent for getMany, which asks for its ids only. */
  range: { start: number; end: number } | undefined;
}

export function parseListQuery<F extends z.ZodType, S extends string>(
  c: Context,
  filterSchema: F,
  sortFields: readonly [S, ...S[]],
  defaultSort: { field: NoInfer<S>; order: 'ASC' | 'DESC' },
): ListQuery<z.output<F>, S> {
  const filter = parseParam(c, 'filter', filterSchema) ?? filterSchema.parse({});
  const [field, order] = parseParam(c, 'sort', z.tuple([z.enum(sortFields), z.enum(['ASC', 'DESC'])])) ?? [
    defaultSort.field,
    defaultSort.order,
  ];
  const range = parseParam(c, 'range', rangeSchema);
  return {
    filter,
    sort: { field: field as S, order: order === 'ASC' ? 'asc' : 'desc' },
    range: range ? { start: range[0], end: range[1] } : undefined,
  };
}

/** The page to read: the range asked for, the ids of a getMany, or the first page. */
export function pageOf(range: ListQuery<unknown, string>['range'], ids: readonly unknown[] | undefined) {
  if (range) return { offset: range.start, limit: range.end - range.start + 1 };
  return { offset: 0, limit: ids ? Math.max(1, ids.length) : DEFAULT_PAGE_SIZE };
}

/** `cases 0-24/319`: simple-rest reads the number after the slash. */
export function setContentRange(c: Context, resource: string, offset: number, count: number, total: number) {
  c.header('Content-Range', count > 0 ? `${resource} ${offset}-${offset + count - 1}/${total}` : `${resource} */${total}`);
}
