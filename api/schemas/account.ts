import { z } from 'zod';
import { emailSchema, organisationsnummerSchema } from '../../domain/index.js';

const text = (label: string, max: number) =>
  z.string({ error: `${label} saknas` }).trim().min(1, `${label} saknas`).max(max, `${label} får vara högst ${max} tecken`);
const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label} måste vara text` })
    .trim()
    .max(max, `${label} får vara högst ${max} tecken`)
    .optional()
    .transform((v) => (v ? v : undefined));
const notifyByEmail = z.boolean({ error: 'Ange om du vill bli notifierad via e-post (true/false)' });

/** "Mina uppgifter": what a customer may change about themselves. */
export const contactDetailsSchema = z.strictObject({
  name: text('Namn', 200),
  email: emailSchema,
  unitName: optionalText('Enhetens namn', 200),
  notifyByEmail,
});

/** "Skapa nytt konto": the person's details, their organisation and a confirmation. */
export const newAccountSchema = z.strictObject({
  organisationsnummer: organisationsnummerSchema,
  /** Only when the organisation is not registered yet: the person registers it. */
  organisationName: optionalText('Organisationsnamn', 200),
  unitName: optionalText('Enhetens namn', 200),
  name: text('Namn', 200),
  email: emailSchema,
  notifyByEmail,
  confirmed: z.literal(true, { error: 'Bekräfta att uppgifterna är korrekta' }),
});

export const memberRolesSchema = z
  .strictObject({
    canOrder: z.boolean({ error: 'canOrder ska vara true eller false' }).optional(),
    isLocalAdmin: z.boolean({ error: 'isLocalAdmin ska vara true eller false' }).optional(),
  })
  .refine((r) => r.canOrder !== undefined || r.isLocalAdmin !== undefined, { error: 'Ange minst en roll att ändra' });

export const newTokenSchema = z.strictObject({ name: text('Namn', 100) });
