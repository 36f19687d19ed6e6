// What the case routes take besides the case itself: paths, the idempotency header, list parameters,
// a message and a withdrawal.
import { z } from 'zod';
import { pagingQuery } from './paging.js';

export const caseNumberPath = z.object({
  caseNumber: z.string().meta({ description: 'Ärendenummer.', example: 'KP-2026-00042' }),
});

/** A key per intent: the same key again joins the first request instead of acting twice. */
export const idempotencyKey = z
  .string()
  .min(1, 'Nyckeln ska vara 1–200 synliga ASCII-tecken.')
  .max(200, 'Nyckeln ska vara 1–200 synliga ASCII-tecken.')
  .regex(/^[\x21-\x7e]+$/, 'Nyckeln ska vara 1–200 synliga ASCII-tecken.');

/** Header names arrive lower-cased. */
export const idempotencyHeader = (description: string) =>
  z.object({
    'idempotency-key': idempotencyKey.optional().meta({ description, example: 'reply-2026-0001' }),
  });

export const caseListQuery = pagingQuery.extend({
  status: z
    .enum(['ongoing', 'closed'], { error: 'status ska vara ongoing eller closed' })
    .default('ongoing')
    .meta({ description: '`ongoing`: pågående ärenden; `closed`: avslutade.' }),
  scope: z
    .enum(['own', 'organisation'], { error: 'scope ska vara own eller organisation' })
    .default('own')
    .meta({ description: '`own`: mina ärenden; `organisation`: hela organisationens (endast lokala administratörer).' }),
});

// The customer's forms on a case live in domain/, shared with the portal's pages.
export { messageSchema, withdrawSchema } from '../../domain/case-messages.js';
