// What a customer writes on a case: a message to the handler, and a withdrawal. Shared by the JSON
// API and the portal's pages.
import { z } from 'zod';

export const messageSchema = z
  .strictObject({ body: z.string().trim().min(1, 'Skriv ett meddelande').max(10_000).meta({ description: 'Meddelandet till handläggaren.' }) })
  .meta({ id: 'CustomerMessage' });

export const withdrawSchema = z
  .strictObject({ reason: z.string().trim().max(2_000).optional().meta({ description: 'Varför ärendet återkallas (valfritt); syns i ärendets lösning.' }) })
  .meta({ id: 'Withdrawal' });
