import { z } from 'zod';

// The account forms live in domain/, shared with the portal's pages.
export { contactDetailsSchema, newAccountSchema } from '../../domain/accounts.js';

export const memberRolesSchema = z
  .strictObject({
    canOrder: z
      .boolean({ error: 'canOrder ska vara true eller false' })
      .optional()
      .meta({ description: 'Ge (true) eller ta bort (false) rätten att göra beställningar.' }),
    isLocalAdmin: z
      .boolean({ error: 'isLocalAdmin ska vara true eller false' })
      .optional()
      .meta({ description: 'Ge (true) eller ta bort (false) rollen lokal administratör.' }),
  })
  .refine((r) => r.canOrder !== undefined || r.isLocalAdmin !== undefined, { error: 'Ange minst en roll att ändra' })
  .meta({ id: 'MemberRoles', minProperties: 1 });

export { newTokenSchema } from '../../domain/api-tokens.js';
