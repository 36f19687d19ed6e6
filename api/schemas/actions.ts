// The handler actions as URL segments, and the body each takes.
import { z } from 'zod';
import type { HandlerAction } from '../../domain/index.js';

const text = (message: string, description: string) => z.string().trim().min(1, message).max(10_000).meta({ description });
const empty = z.strictObject({}).meta({ id: 'EmptyActionBody', title: 'take, reopen' });

/** URL segment → action and the body it takes. */
export const ACTION_SPECS = {
  take: { action: 'take', body: empty },
  assign: {
    action: 'assign',
    body: z
      .strictObject({ assigneeId: z.number().int().positive('Ange en handläggare').meta({ description: 'Id för handläggaren som ska ansvara för ärendet.' }) })
      .meta({ id: 'AssignBody', title: 'assign' }),
  },
  reply: { action: 'reply', body: z.strictObject({ body: text('Skriv ett svar', 'Svaret till kunden.') }).meta({ id: 'ReplyBody', title: 'reply' }) },
  note: { action: 'note', body: z.strictObject({ body: text('Skriv en anteckning', 'Den interna anteckningen.') }).meta({ id: 'NoteBody', title: 'note' }) },
  'request-info': {
    action: 'request_info',
    body: z.strictObject({ body: text('Beskriv vad som behövs', 'Vad kunden behöver komplettera med.') }).meta({ id: 'RequestInfoBody', title: 'request-info' }),
  },
  close: { action: 'close', body: z.strictObject({ resolution: text('Ange en lösning', 'Lösningen, som kunden får se.') }).meta({ id: 'CloseBody', title: 'close' }) },
  reopen: { action: 'reopen', body: empty },
} satisfies Record<string, { action: HandlerAction; body: z.ZodType }>;

export type ActionSegment = keyof typeof ACTION_SPECS;
export const ACTION_SEGMENTS = Object.keys(ACTION_SPECS) as [ActionSegment, ...ActionSegment[]];

export const actionSpec = (segment: string) => (Object.hasOwn(ACTION_SPECS, segment) ? ACTION_SPECS[segment as ActionSegment] : undefined);

/** The URL segment of a handler action ('request_info' → 'request-info'). */
export const actionSegment = (action: HandlerAction): ActionSegment => (action === 'request_info' ? 'request-info' : action);

