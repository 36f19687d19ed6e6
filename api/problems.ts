// application/problem+json responses (RFC 9457), the API's one error format, and the checks every JSON
// body and query string passes before its schema.
import type { Context, Env } from 'hono';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import {
  type FieldError,
  type ProblemDetails,
  VALIDATION_PROBLEM_TITLE,
  VALIDATION_PROBLEM_TYPE,
  problem,
  swedishErrorMap,
  validationProblem,
} from '../domain/index.js';
import { checkStoredText } from '../domain/stored-text.js';
import { ServiceError, type ServiceErrorKind } from '../services/errors.js';
import { isServiceUnavailable } from './unavailable.js';

export function sendProblem(c: Context, p: ProblemDetails) {
  return c.body(JSON.stringify(p), p.status as ContentfulStatusCode, { 'Content-Type': 'application/problem+json' });
}

export class ProblemError extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.title);
  }
}

/** A 400 in the validation format for errors found outside a schema. */
const invalidProblem = (detail: string, errors: FieldError[]) =>
  problem(400, VALIDATION_PROBLEM_TITLE, detail, { type: VALIDATION_PROBLEM_TYPE, errors });

export const invalidFields = (detail: string, errors: FieldError[]) => new ProblemError(invalidProblem(detail, errors));

const STATUS: Record<ServiceErrorKind, number> = { invalid: 400, refused: 403, 'not-found': 404, conflict: 409, 'idempotency-conflict': 422 };

/** A service's refusal as a problem. */
export function serviceProblem(e: ServiceError): ProblemDetails {
  if (e.kind === 'invalid') return invalidProblem(e.detail, e.extra.errors ?? []);
  return problem(STATUS[e.kind], e.title, e.detail, e.extra.type ? { type: e.extra.type } : undefined);
}

const MALFORMED_JSON = problem(400, 'Ogiltig JSON', 'Begärans innehåll är inte giltig JSON i UTF-8.', { type: 'https://kundportal.se/problems/malformed-json' });
const UNSUPPORTED_MEDIA_TYPE = problem(415, 'Fel innehållstyp', 'Skicka innehållet som JSON med huvudet Content-Type: application/json.', {
  type: 'https://kundportal.se/problems/unsupported-media-type',
});

/** Seconds a client is asked to wait (`Retry-After`) when Postgres or Temporal is away. */
export const RETRY_AFTER_SECONDS = 5;

const SERVICE_UNAVAILABLE = problem(
  503,
  'Tjänsten är tillfälligt otillgänglig',
  `Vi når inte alla delar av tjänsten just nu. Försök igen om ${RETRY_AFTER_SECONDS} sekunder.`,
  { type: 'https://kundportal.se/problems/service-unavailable' },
);

/** Every error the app lets through, as a problem; undefined for the unexpected (a 500). */
export function problemFor(err: unknown): ProblemDetails | undefined {
  if (err instanceof ProblemError) return err.problem;
  if (err instanceof ServiceError) return serviceProblem(err);
  if (err instanceof HTTPException) {
    if (err.status === 415) return UNSUPPORTED_MEDIA_TYPE;
    if (err.status === 400) return MALFORMED_JSON;
  }
  // Postgres or Temporal away: the request may succeed when retried, so never a 500.
  if (isServiceUnavailable(err)) return SERVICE_UNAVAILABLE;
  return undefined;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

const isJson = (c: Context) => /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(c.req.header('Content-Type') ?? '');

/**
 * Before any schema: a JSON body must parse, nest no deeper than our schemas need, and hold only text
 * Postgres can store (no NUL, no lone surrogate); the query string likewise. Any other content type on
 * a body is 415.
 */
export const guardInput = createMiddleware<Env>(async (c, next) => {
  // The values the routes read: a repeated parameter fails its schema anyway.
  const query = checkStoredText(c.req.query());
  if (!query.ok) throw invalidFields('Parametern innehåller ett otillåtet tecken.', query.errors);
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'DELETE') return next();
  if (!isJson(c)) {
    if (c.req.header('Content-Type') || (await c.req.arrayBuffer()).byteLength > 0) throw new ProblemError(UNSUPPORTED_MEDIA_TYPE);
    return next();
  }
  let body: unknown;
  try {
    // Invalid UTF-8 would otherwise be decoded to U+FFFD and stored altered.
    body = JSON.parse(STRICT_UTF8.decode(await c.req.arrayBuffer()));
  } catch {
    throw new ProblemError(MALFORMED_JSON);
  }
  const checked = checkStoredText(body);
  if (!checked.ok) {
    const detail = checked.reason === 'too-deep' ? 'Uppgifterna är nästlade i för många nivåer.' : 'Texten innehåller ett otillåtet tecken.';
    throw invalidFields(detail, checked.errors);
  }
  await next();
});

const HEADER_NAMES: Record<string, string> = { 'idempotency-key': 'Idempotency-Key' };

/** A header's validation problem, titled with the header's name as clients spell it. */
function headerProblem(error: { issues: readonly z.core.$ZodIssue[] }): ProblemDetails {
  const p = validationProblem(error);
  const name = HEADER_NAMES[String(error.issues[0]?.path[0])];
  return name ? { ...p, title: `Ogiltig ${name}` } : p;
}

/** The one hook for every schema failure: a validation problem naming each field (a header by its name). */
export function validationFailure(result: { success: boolean; error?: { issues: readonly z.core.$ZodIssue[] }; target: string }, c: Context) {
  if (result.success || !result.error) return undefined;
  return sendProblem(c, result.target === 'header' ? headerProblem(result.error) : validationProblem(result.error));
}

/** Validates the request's headers (names lower-cased) where no route declaration does. */
export function readHeaders<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.header(), { error: swedishErrorMap });
  if (!parsed.success) throw new ProblemError(headerProblem(parsed.error));
  return parsed.data;
}

/** Parses with the Swedish error map; for the back office's simple-rest parameters and bodies. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value, { error: swedishErrorMap });
  if (!parsed.success) throw new ProblemError(validationProblem(parsed.error));
  return parsed.data;
}

/** A JSON body already let through by `guardInput`, validated. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  return parseOrThrow(schema, isJson(c) ? await c.req.json() : undefined);
}
