// What every route declaration shares: the app with the one validation hook, the shared error
// responses, the security requirements and the JSON response shorthand.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Env, MiddlewareHandler } from 'hono';
import { every } from 'hono/combine';
import type { z } from 'zod';
import { guardInput, validationFailure } from '../problems.js';

/** A sub-app whose schema failures become problem+json naming each field. */
export const openApiApp = <E extends Env = Env>() => new OpenAPIHono<E>({ defaultHook: validationFailure as never });

/** Route middleware: who may call, then the body and query checks every schema relies on, then any more. */
export const guarded = <E extends Env>(auth: MiddlewareHandler<E>, ...more: MiddlewareHandler<E>[]) =>
  every(auth, guardInput, ...more) as MiddlewareHandler<E>;

const problemContent = (schema: 'Problem' | 'ValidationProblem', example: Record<string, unknown>) => ({
  'application/problem+json': { schema: { $ref: `#/components/schemas/${schema}` }, example: { type: 'about:blank', ...example } },
});

/** The shared error responses, registered once under components.responses. */
export const ERROR_RESPONSES = {
  400: {
    id: 'BadRequest',
    description: 'Ogiltig begäran: uppgifter som inte godtas (varje fält i `errors`), ogiltig JSON eller en ogiltig parameter.',
    content: problemContent('ValidationProblem', {
      type: 'https://kundportal.se/problems/validation',
      title: 'Ogiltiga uppgifter',
      status: 400,
      detail: '2 uppgifter är felaktiga eller saknas.',
      errors: [
        { field: 'rows.0.personnummer', message: 'Ogiltigt personnummer' },
        { field: 'rows.1.pickupOffice', message: 'Välj ett kortutlämningskontor eller ange eget kortkontor' },
      ],
    }),
  },
  401: {
    id: 'Unauthorized',
    description: 'Inte inloggad: API-nyckel eller session saknas eller gäller inte längre.',
    content: problemContent('Problem', { title: 'Inte inloggad', status: 401, detail: 'Logga in med e-legitimation eller ange en giltig API-nyckel.' }),
  },
  403: {
    id: 'Forbidden',
    description:
      'Åtkomst nekad: fel sorts konto för anropet (t.ex. kund mot handläggarnas API, eller konto saknas), saknad behörighet, eller en session utan giltigt `X-CSRF-Token` vid en ändring.',
    content: problemContent('Problem', { title: 'Åtkomst nekad', status: 403, detail: 'Endast för kunder med konto.' }),
  },
  404: {
    id: 'NotFound',
    description: 'Finns inte, eller syns inte för dig (andras ärenden ger 404, inte 403).',
    content: problemContent('Problem', { title: 'Hittades inte', status: 404, detail: 'Ärendet finns inte.' }),
  },
  409: {
    id: 'Conflict',
    description: 'Inte tillåtet i ärendets nuvarande läge; `detail` säger varför (t.ex. "Ärendet är redan avslutat.").',
    content: problemContent('Problem', {
      type: 'https://kundportal.se/problems/action-refused',
      title: 'Åtgärden är inte tillåten',
      status: 409,
      detail: 'Ärendet är redan avslutat.',
    }),
  },
  415: {
    id: 'UnsupportedMediaType',
    description: 'Innehållet är inte JSON: skicka `Content-Type: application/json`.',
    content: problemContent('Problem', { type: 'https://kundportal.se/problems/unsupported-media-type', title: 'Fel innehållstyp', status: 415 }),
  },
  422: {
    id: 'IdempotencyConflict',
    description: '`Idempotency-Key` har redan använts för en annan begäran.',
    content: problemContent('Problem', {
      type: 'https://kundportal.se/problems/idempotency-conflict',
      title: 'Idempotency-Key används redan',
      status: 422,
      detail: 'Nyckeln har redan använts för en annan begäran.',
    }),
  },
  429: {
    id: 'TooManyRequests',
    description: 'För många försök på kort tid; vänta en minut.',
    content: problemContent('Problem', {
      type: 'https://kundportal.se/problems/rate-limited',
      title: 'För många försök',
      status: 429,
      detail: 'Du har gjort för många försök på kort tid. Vänta en minut och försök igen.',
    }),
  },
} as const;
export type ErrorCode = keyof typeof ERROR_RESPONSES;

/** References to the shared error responses. */
export const errors = <C extends ErrorCode>(...codes: C[]) =>
  Object.fromEntries(codes.map((code) => [code, { $ref: `#/components/responses/${ERROR_RESPONSES[code].id}` }])) as Record<C, { $ref: string }>;

export const json = <S extends z.ZodType>(description: string, schema: S) => ({ description, content: { 'application/json': { schema } } });
export const jsonBody = <S extends z.ZodType>(schema: S, description?: string) => ({
  required: true,
  ...(description ? { description } : {}),
  content: { 'application/json': { schema } },
});

/** Reads take either kind of credential; writes with a session also need the CSRF header. */
type Security = Array<Record<string, string[]>>;
export const READ: Security = [{ bearerAuth: [] }, { sessionCookie: [] }];
export const WRITE: Security = [{ bearerAuth: [] }, { sessionCookie: [], csrfToken: [] }];
export const SESSION_WRITE: Security = [{ sessionCookie: [], csrfToken: [] }];
export const PUBLIC: Security = [];
