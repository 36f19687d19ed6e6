// Case types and the schema of a case submitted from the portal's forms.
import { z } from 'zod';
import { emailSchema, organisationsnummerSchema, personnummerSchema } from './swedish-ids.js';
import { CASE_TYPE_LABELS } from './labels.js';
import { swedishErrorMap } from './problem.js';

export { CASE_TYPE_LABELS };

// `satisfies`: a new case type needs its Swedish name in labels.ts.
export const CASE_TYPES = ['question', 'fault_report', 'improvement', 'order', 'siths_order', 'other'] as const satisfies readonly (keyof typeof CASE_TYPE_LABELS)[];
export type CaseType = (typeof CASE_TYPES)[number];

export const caseTypeSchema = z.enum(CASE_TYPES, { error: 'Välj en giltig ärendetyp' });

/** Orders need the right to order, granted by the organisation's local administrator. */
export const ORDER_CASE_TYPES: readonly CaseType[] = ['order', 'siths_order'];
export const ORDER_RIGHT_REQUIRED =
  'Du saknar behörighet att göra beställningar. Kontakta den lokala administratören i din organisation.';

export const SITHS_DEFAULT_SUBJECT = 'Beställning av SITHS-kort';
export const SITHS_MAX_ROWS = 50;

// --- field helpers ---------------------------------------------------------

/** A trimmed, required text field with Swedish messages naming the field. */
function requiredText(label: string, min: number, max: number) {
  return z
    .string({ error: (iss) => (iss.input === undefined ? `${label} saknas` : `${label} måste vara text`) })
    .trim()
    .min(1, { error: `${label} saknas` })
    .refine((value) => value.length === 0 || value.length >= min, {
      error: `${label} måste vara minst ${min} tecken`,
    })
    .max(max, { error: `${label} får vara högst ${max} tecken` });
}

/** A trimmed, optional text field; an empty string counts as not given (undefined). */
function optionalText(label: string, max: number, min = 1) {
  return z
    .string({ error: `${label} måste vara text` })
    .trim()
    .max(max, { error: `${label} får vara högst ${max} tecken` })
    .refine((value) => value === '' || value.length >= min, { error: `${label} måste vara minst ${min} tecken` })
    .optional()
    .transform((value) => (value === undefined || value === '' ? undefined : value));
}

/** Error map for objects: a missing or malformed object names the block; unknown keys are listed. */
function objectError(label: string) {
  return (iss: z.core.$ZodRawIssue): string => {
    if (iss.code === 'invalid_type') return iss.input === undefined ? `${label} saknas` : `${label} har fel format`;
    return swedishErrorMap(iss);
  };
}

// --- contact block -----------------------------------------------------------

const PERSONNUMMER_TEXT = 'Personnummer eller samordningsnummer, 10 eller 12 siffror, med eller utan bindestreck.';

export const contactSchema = z.strictObject(
  {
    organisationName: requiredText('Organisationens namn', 1, 200).meta({ description: 'Organisationens namn.' }),
    organisationsnummer: organisationsnummerSchema.meta({ description: 'Organisationsnummer, 10 siffror med eller utan bindestreck, t.ex. 556016-0680.' }),
    unitName: optionalText('Enhetens namn', 200).meta({ description: 'Enhetens namn (valfritt).' }),
    personnummer: personnummerSchema.meta({ description: PERSONNUMMER_TEXT }),
    name: requiredText('Namn', 1, 200).meta({ description: 'För- och efternamn.' }),
    email: emailSchema.meta({ description: 'E-postadress.' }),
    notifyByEmail: z
      .boolean({
        error: (iss) =>
          iss.input === undefined
            ? 'Ange om du vill få besked via e-post'
            : 'Ange ja eller nej (true/false) för e-postbesked',
      })
      .meta({ description: 'Ja (true) för besked via e-post när något händer i ärendet.' }),
  },
  { error: objectError('Kontaktuppgifter') },
).meta({ id: 'ContactDetails', description: 'Kontaktuppgifter för ärendet. Utelämnas blocket i en inskickning fylls det i från Mina uppgifter.' });
export type Contact = z.output<typeof contactSchema>;

// --- form fields per type ------------------------------------------------------

const subjectField = requiredText('Rubrik', 3, 200).meta({ description: 'Rubrik.' });
const descriptionField = requiredText('Beskrivning', 1, 10_000).meta({ description: 'Beskrivning.' });
const serviceField = optionalText('Tjänst', 200).meta({ description: 'Tjänsten ärendet gäller (valfritt).' });

/** The contact block: required in a stored case, optional in a request (then filled from "Mina uppgifter"). */
type ContactField = typeof contactSchema | z.ZodOptional<typeof contactSchema>;

function freeTextCase<T extends Exclude<CaseType, 'siths_order' | 'other'>, C extends ContactField>(type: T, contact: C) {
  return z.strictObject(
    {
      type: z.literal(type),
      contact,
      subject: subjectField,
      description: descriptionField,
      service: serviceField,
    },
    { error: objectError('Ärendet') },
  ).meta({ title: CASE_TYPE_LABELS[type] });
}

const otherCase = <C extends ContactField>(contact: C) =>
  z.strictObject(
    {
      type: z.literal('other'),
      contact,
      subject: subjectField,
      description: descriptionField,
    },
    { error: objectError('Ärendet') },
  ).meta({ title: CASE_TYPE_LABELS.other });

export const PICKUP_BOTH_ERROR = 'Välj antingen kortutlämningskontor eller eget kortkontor, inte båda';
export const PICKUP_NEITHER_ERROR = 'Välj ett kortutlämningskontor eller ange eget kortkontor';
export const PICKUP_UNKNOWN_ERROR = 'Okänt kortutlämningskontor';

/** One SITHS card: who gets it and where it is collected. */
function sithsRowSchema(pickupOffices: readonly string[]) {
  const offices = new Set(pickupOffices.map((office) => office.trim()));
  return z
    .strictObject(
      {
        name: requiredText('För- och efternamn', 1, 200).meta({ description: 'För- och efternamn på den som ska ha kortet.' }),
        personnummer: personnummerSchema.meta({ description: PERSONNUMMER_TEXT }),
        email: emailSchema.meta({ description: 'E-postadress.' }),
        otherInfo: optionalText('Övrig information', 1000).meta({ description: 'Övrig information (valfritt).' }),
        pickupOffice: optionalText('Kortutlämningskontor', 200)
          .refine((office) => office === undefined || offices.has(office), { error: PICKUP_UNKNOWN_ERROR })
          .meta({
            description: 'Kortutlämningskontoret där kortet hämtas. Ange detta eller `ownCardOffice: true`, inte båda.',
            enum: [...offices],
          }),
        ownCardOffice: z
          .boolean({ error: 'Eget kortkontor ska anges som ja eller nej (true/false)' })
          .optional()
          .meta({ description: 'Kortet hämtas på organisationens eget kortkontor (true), i stället för ett kortutlämningskontor.' }),
      },
      { error: objectError('Raden') },
    )
    .superRefine(
      (row, ctx) => {
        const pickup = row.pickupOffice !== undefined;
        const own = row.ownCardOffice === true;
        if (pickup && own) {
          ctx.addIssue({ code: 'custom', path: ['pickupOffice'], message: PICKUP_BOTH_ERROR });
        } else if (!pickup && !own) {
          ctx.addIssue({ code: 'custom', path: ['pickupOffice'], message: PICKUP_NEITHER_ERROR });
        }
      },
      {
        // Also report the choice when other fields of the row are invalid, but not
        // when the row is no object or the two fields themselves are already wrong.
        when: (payload) =>
          typeof payload.value === 'object' &&
          payload.value !== null &&
          !payload.issues.some((issue) => issue.path?.[0] === 'pickupOffice' || issue.path?.[0] === 'ownCardOffice'),
      },
    );
}

function sithsOrderCase<C extends ContactField>(pickupOffices: readonly string[], contact: C) {
  return z.strictObject(
    {
      type: z.literal('siths_order'),
      contact,
      subject: optionalText('Rubrik', 200, 3)
        .transform((subject) => subject ?? SITHS_DEFAULT_SUBJECT)
        .meta({ description: `Rubrik (valfri; annars "${SITHS_DEFAULT_SUBJECT}").` }),
      rows: z
        .array(sithsRowSchema(pickupOffices), {
          error: (iss) => (iss.input === undefined ? 'Minst en rad krävs' : 'Raderna måste vara en lista'),
        })
        .min(1, { error: 'Minst en rad krävs' })
        .max(SITHS_MAX_ROWS, { error: `Högst ${SITHS_MAX_ROWS} rader` })
        .meta({ description: `En rad per kort, högst ${SITHS_MAX_ROWS}.` }),
    },
    { error: objectError('Ärendet') },
  ).meta({ title: CASE_TYPE_LABELS.siths_order });
}

export interface CaseSubmissionOptions {
  /** The configured card pickup offices (config `pickupOffices`); a SITHS row must name one of them. */
  pickupOffices: readonly string[];
}

/** The schema of a submitted case: `{ type, contact, ...form fields }`, discriminated on `type`. */
export function caseSubmissionSchema(options: CaseSubmissionOptions) {
  return caseSchema(options, contactSchema);
}

/** What a client may send: a submission whose contact block may be left out. */
export function caseRequestSchema(options: CaseSubmissionOptions) {
  return caseSchema(options, contactSchema.optional());
}

function caseSchema<C extends ContactField>(options: CaseSubmissionOptions, contact: C) {
  return z.discriminatedUnion(
    'type',
    [
      freeTextCase('question', contact),
      freeTextCase('fault_report', contact),
      freeTextCase('improvement', contact),
      freeTextCase('order', contact),
      sithsOrderCase(options.pickupOffices, contact),
      otherCase(contact),
    ],
    {
      error: (iss) => {
        if (iss.code === 'invalid_union') return 'Välj en giltig ärendetyp';
        if (iss.code === 'invalid_type') return iss.input === undefined ? 'Ärendet saknas' : 'Ärendet har fel format';
        return swedishErrorMap(iss);
      },
    },
  );
}

export type CaseSubmissionSchema = ReturnType<typeof caseSubmissionSchema>;
/** A validated, normalised submission (personnummer 12 digits, organisationsnummer 'NNNNNN-NNNN'). */
export type CaseSubmission = z.output<CaseSubmissionSchema>;
/** What a client sends, before normalisation and defaults. */
export type CaseSubmissionInput = z.input<CaseSubmissionSchema>;
/** A validated request: a submission that may still lack its contact block. */
export type CaseRequest = z.output<ReturnType<typeof caseRequestSchema>>;
export type SithsRow = z.output<ReturnType<typeof sithsRowSchema>>;

/** The subject to show for a case of any type. */
export function caseSubject(submission: { type: CaseType; subject?: string | null | undefined }): string {
  const subject = submission.subject?.trim();
  if (subject) return subject;
  return submission.type === 'siths_order' ? SITHS_DEFAULT_SUBJECT : CASE_TYPE_LABELS[submission.type];
}
