import { z } from 'zod';
import { decodeCursor } from '../../db/paging.js';

/** `?limit=&cursor=`: keyset paging, newest first. */
export const pagingQuery = z.object({
  limit: z.coerce
    .number({ error: 'limit ska vara ett tal' })
    .int('limit ska vara ett heltal')
    .min(1, 'limit ska vara minst 1')
    .max(100, 'limit får vara högst 100')
    .default(20)
    .meta({ description: 'Antal per sida, 1–100.' }),
  cursor: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      const k = decodeCursor(v);
      if (!k) ctx.addIssue({ code: 'custom', message: 'Ogiltig cursor' });
      return k;
    })
    .meta({ description: 'Föregående sidas `nextCursor`; utelämnas för första sidan.' }),
});
