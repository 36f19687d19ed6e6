// The forms of a person's own account, shared by the JSON API and the portal's pages: "Skapa nytt
// konto" and "Mina uppgifter".
import { z } from 'zod';
import { emailSchema, organisationsnummerSchema } from './swedish-ids.js';

export const text = (label: string, max: number) =>
  z.string({ error: `${label} saknas` }).trim().min(1, `${label} saknas`).max(max, `${label} får vara högst ${max} tecken`);
const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label} måste vara text` })
    .trim()
    .max(max, `${label} får vara högst ${max} tecken`)
    .optional()
    .transform((v) => (v ? v : undefined));
const notifyByEmail = z
  .boolean({ error: 'Ange om du vill bli notifierad via e-post (true/false)' })
  .meta({ description: 'Ja (true) för besked via e-post när något händer i dina ärenden.' });

/** "Mina uppgifter": what a customer may change about themselves. */
export const contactDetailsSchema = z
  .strictObject({
    name: text('Namn', 200).meta({ description: 'För- och efternamn.' }),
    email: emailSchema.meta({ description: 'E-postadress.' }),
    unitName: optionalText('Enhetens namn', 200).meta({ description: 'Enhetens namn (valfritt).' }),
    notifyByEmail,
  })
  .meta({ id: 'MyDetails', description: 'Mina uppgifter.' });

/** "Skapa nytt konto": the person's details, their organisation and a confirmation. */
export const newAccountSchema = z
  .strictObject({
    organisationsnummer: organisationsnummerSchema.meta({ description: 'Organisationsnummer, 10 siffror med eller utan bindestreck, t.ex. 556016-0680.' }),
    organisationName: optionalText('Organisationsnamn', 200).meta({
      description: 'Endast när organisationen inte är registrerad: dess namn, så registreras den.',
    }),
    unitName: optionalText('Enhetens namn', 200).meta({ description: 'Enhetens namn (valfritt).' }),
    name: text('Namn', 200).meta({ description: 'För- och efternamn.' }),
    email: emailSchema.meta({ description: 'E-postadress.' }),
    notifyByEmail,
    confirmed: z.literal(true, { error: 'Bekräfta att uppgifterna är korrekta' }).meta({ description: 'Bekräftar att uppgifterna är korrekta; måste vara true.' }),
  })
  .meta({ id: 'NewAccount', description: 'Skapa nytt konto.' });
