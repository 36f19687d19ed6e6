// application/problem+json responses (RFC 9457), the API's one error format.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { type FieldError, type ProblemDetails, VALIDATION_PROBLEM_TITLE, VALIDATION_PROBLEM_TYPE, problem, swedishErrorMap, validationProblem } from '../domain/index.js';

export function sendProblem(c: Context, p: ProblemDetails) {
  return c.body(JSON.stringify(p), p.status as ContentfulStatusCode, { 'Content-Type': 'application/problem+json' });
}

export const notFound = (c: Context, detail = 'Ärendet finns inte.') => sendProblem(c, problem(404, 'Hittades inte', detail));

export class ProblemError extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.title);
  }
}

/** A 400 in the validation format for errors found outside the schema. */
export const invalidFields = (detail: string, errors: FieldError[]) =>
  new ProblemError(problem(400, VALIDATION_PROBLEM_TITLE, detail, { type: VALIDATION_PROBLEM_TYPE, errors }));

/** Reads and validates a JSON body; malformed JSON and schema errors become 400 problems. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S, prepare?: (raw: unknown) => unknown | Promise<unknown>): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    throw new ProblemError(
      problem(400, 'Ogiltig JSON', 'Begärans innehåll är inte giltig JSON.', {
        type: 'https://kundportal.se/problems/malformed-json',
      }),
    );
  }
  const nul = nulFields(raw);
  if (nul.length > 0) throw invalidFields('Texten innehåller ett otillåtet tecken.', nul);
  const parsed = schema.safeParse(prepare ? await prepare(raw) : raw, { error: swedishErrorMap });
  if (!parsed.success) throw new ProblemError(validationProblem(parsed.error));
  return parsed.data;
}

/** Valid JSON may carry U+0000, which Postgres cannot store in text: refuse it up front. */
function nulFields(value: unknown, path: string[] = []): FieldError[] {
  if (typeof value === 'string') {
    return value.includes('\0') ? [{ field: path.join('.'), message: 'Texten innehåller ett otillåtet tecken (NUL).' }] : [];
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [
      ...(k.includes('\0') ? [{ field: [...path, k].join('.'), message: 'Fältnamnet innehåller ett otillåtet tecken (NUL).' }] : []),
      ...nulFields(v, [...path, k]),
    ]);
  }
  return [];
}

/** Validates the query string; errors name the parameter, as body errors name the field. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const raw = c.req.query();
  const nul = nulFields(raw);
  if (nul.length > 0) throw invalidFields('Parametern innehåller ett otillåtet tecken.', nul);
  const parsed = schema.safeParse(raw, { error: swedishErrorMap });
  if (!parsed.success) throw new ProblemError(validationProblem(parsed.error));
  return parsed.data;
}

/** A numeric path parameter; anything else is simply not found. */
export function idParam(c: Context, name = 'id'): number {
  const value = c.req.param(name) ?? '';
  const id = /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id)) throw new ProblemError(problem(404, 'Hittades inte', 'Resursen finns inte.'));
  return id;
}
