// The handler actions as URL segments, the body each takes, and the checks both staff APIs share.
import type { Context } from 'hono';
import { z } from 'zod';
import type { HandlerAction } from '../../domain/index.js';
import type { Executor } from '../../db/client.js';
import { invalidFields, readBody } from '../problems.js';

const text = (message: string) => z.string().trim().min(1, message).max(10_000);
const empty = z.strictObject({});

/** URL segment → action and the body it takes. */
export const ACTION_SPECS = {
  take: { action: 'take', body: empty },
  assign: { action: 'assign', body: z.strictObject({ assigneeId: z.number().int().positive('Ange en handläggare') }) },
  reply: { action: 'reply', body: z.strictObject({ body: text('Skriv ett svar') }) },
  note: { action: 'note', body: z.strictObject({ body: text('Skriv en anteckning') }) },
  'request-info': { action: 'request_info', body: z.strictObject({ body: text('Beskriv vad som behövs') }) },
  close: { action: 'close', body: z.strictObject({ resolution: text('Ange en lösning') }) },
  reopen: { action: 'reopen', body: empty },
} satisfies Record<string, { action: HandlerAction; body: z.ZodType }>;

export type ActionSegment = keyof typeof ACTION_SPECS;
export type ActionSpec = (typeof ACTION_SPECS)[ActionSegment];

export const actionSpec = (segment: string): ActionSpec | undefined =>
  Object.hasOwn(ACTION_SPECS, segment) ? ACTION_SPECS[segment as ActionSegment] : undefined;

/** The URL segment of a handler action ('request_info' → 'request-info'). */
export const actionSegment = (action: HandlerAction): ActionSegment => (action === 'request_info' ? 'request-info' : action);

export type ActionBody = { assigneeId?: number; body?: string; resolution?: string };

/** The action's validated body; an assignee must be a staff member (the workflow cannot know). */
export async function readActionBody(c: Context, db: Executor, spec: ActionSpec): Promise<ActionBody> {
  const body: ActionBody = await readBody(c, spec.body);
  if (body.assigneeId !== undefined) {
    const assignee = await db.selectFrom('staff').select('id').where('id', '=', body.assigneeId).executeTakeFirst();
    if (!assignee) throw invalidFields('Handläggaren finns inte.', [{ field: 'assigneeId', message: 'Handläggaren finns inte' }]);
  }
  return body;
}
