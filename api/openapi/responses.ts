// Zod schemas of what the customer and staff API handlers answer: each route declares its responses
// with them, so the handlers' objects are type-checked against them and the document shows them.
// Strict objects, so a test that parses real responses catches drift.
import { z } from 'zod';
import { AUTO_CLOSE_EVENT, CASE_ACTIONS, CASE_STATUSES, CUSTOMER_REMINDER_EVENT, CASE_TYPES, CASE_TYPE_LABELS, EMAIL_FAILED_EVENT, STATUS_LABELS, VALIDATION_PROBLEM_TITLE, VALIDATION_PROBLEM_TYPE } from '../../domain/index.js';
import type { NotificationKind } from '../../domain/notification-texts.js';

const list = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([code, label]) => `\`${code}\` (${label})`)
    .join(', ');

const timestamp = (description: string) => z.iso.datetime().meta({ description, example: '2026-11-23T09:15:00.000Z' });
const caseNumber = z.string().meta({ description: 'Ärendenummer.', example: 'KP-2026-00042' });

export const CaseStatus = z.enum(CASE_STATUSES).meta({
  id: 'CaseStatus',
  description: `Ärendets status: ${list(STATUS_LABELS)}.`,
});
export const CaseType = z.enum(CASE_TYPES).meta({
  id: 'CaseType',
  description: `Ärendetyp: ${list(CASE_TYPE_LABELS)}.`,
});

export const CaseSummary = z
  .strictObject({
    caseNumber,
    type: CaseType,
    typeLabel: z.string().meta({ description: 'Ärendetypen som den visas.', example: 'Beställning av SITHS-kort' }),
    status: CaseStatus,
    statusLabel: z.string().meta({ description: 'Statusen som den visas.', example: 'Inskickat' }),
    subject: z.string().meta({ description: 'Rubrik.' }),
    reporterName: z.string().nullable().meta({ description: 'Den som skickade in ärendet.' }),
    createdAt: timestamp('När ärendet skickades in.'),
    updatedAt: timestamp('Senaste ändring.'),
    closedAt: timestamp('När ärendet avslutades.').nullable(),
  })
  .meta({ id: 'CaseSummary', description: 'Ett ärende i listan på Mina sidor.' });

const nextCursor = z.string().nullable().meta({
  description: 'Skicka som `cursor` för att hämta nästa sida; `null` på sista sidan.',
  example: 'MjAyNi0xMS0yM1QwOToxNTowMC4wMDBafDQy',
});

export const CasePage = z
  .strictObject({ items: z.array(CaseSummary), nextCursor })
  .meta({ id: 'CasePage', description: 'En sida ärenden, nyast först.' });

const timelineFields = {
  version: z.int().meta({ description: 'Ärendets version efter händelsen.' }),
  action: z.enum(['submit', ...CASE_ACTIONS, CUSTOMER_REMINDER_EVENT, AUTO_CLOSE_EVENT]).meta({
    description: `Vad som hände: \`submit\` när ärendet skickades in, \`${CUSTOMER_REMINDER_EVENT}\` när kunden påmindes om en obesvarad fråga, \`${AUTO_CLOSE_EVENT}\` när ärendet avslutades för att kunden inte svarade, annars åtgärden.`,
  }),
  actor: z.strictObject({
    type: z.enum(['customer', 'staff', 'system']).meta({ description: 'Kund, handläggare eller systemet.' }),
    id: z.int().nullable().meta({ description: 'Kundkontots eller handläggarens id.' }),
  }),
  fromStatus: CaseStatus.nullable().meta({ description: 'Status före händelsen; `null` för den första.' }),
  toStatus: CaseStatus,
  at: timestamp('När det hände.'),
};

export const TimelineEvent = z
  .strictObject({
    ...timelineFields,
    message: z
      .strictObject({ visibility: z.literal('public'), body: z.string() })
      .optional()
      .meta({ description: 'Meddelandet, om händelsen har ett.' }),
  })
  .meta({ id: 'TimelineEvent', description: 'En händelse i ärendets offentliga historik.' });

export const StaffTimelineEvent = z
  .strictObject({
    ...timelineFields,
    action: z.enum(['submit', ...CASE_ACTIONS, EMAIL_FAILED_EVENT, CUSTOMER_REMINDER_EVENT, AUTO_CLOSE_EVENT]).meta({
      description: `Vad som hände: \`submit\` när ärendet skickades in, \`${EMAIL_FAILED_EVENT}\` när e-post till kunden avvisades för gott (mottagare och skäl i \`data\`), annars åtgärden.`,
    }),
    message: z
      .strictObject({ visibility: z.enum(['public', 'internal']), body: z.string() })
      .optional()
      .meta({ description: 'Meddelandet; `internal` är interna anteckningar som kunden aldrig ser.' }),
    data: z.record(z.string(), z.unknown()).meta({ description: 'Händelsens övriga uppgifter.' }),
  })
  .meta({ id: 'StaffTimelineEvent', description: 'En händelse i ärendets fullständiga historik, interna anteckningar medräknade.' });

const caseFields = {
  caseNumber,
  type: CaseType,
  typeLabel: z.string().meta({ description: 'Ärendetypen som den visas.' }),
  status: CaseStatus,
  statusLabel: z.string().meta({ description: 'Statusen som den visas.' }),
  subject: z.string().meta({ description: 'Rubrik.' }),
  version: z.int().meta({ description: 'Ökar vid varje ändring.' }),
  assigneeId: z.int().nullable().meta({ description: 'Ansvarig handläggare.' }),
  resolution: z.string().nullable().meta({ description: 'Lösningen när ärendet avslutats.' }),
  createdAt: timestamp('När ärendet skickades in.'),
  updatedAt: timestamp('Senaste ändring.'),
  closedAt: timestamp('När ärendet avslutades.').nullable(),
};

export const Case = z
  .strictObject({
    ...caseFields,
    submission: z.record(z.string(), z.unknown()).meta({
      description: 'Ärendet som det skickades in (fälten i `POST /api/v1/cases`), normaliserat; personnummer är maskerade (`19850709-****`).',
    }),
    timeline: z.array(TimelineEvent),
  })
  .meta({ id: 'Case', description: 'Ett ärende med dess offentliga historik.' });

export const StaffCase = z
  .strictObject({
    ...caseFields,
    submission: z.record(z.string(), z.unknown()).meta({ description: 'Ärendet som det skickades in, normaliserat, med fullständiga personnummer.' }),
    timeline: z.array(StaffTimelineEvent),
  })
  .meta({ id: 'StaffCase', description: 'Hela ärendet för handläggare, interna anteckningar medräknade.' });

export const SubmissionReceipt = z
  .strictObject({
    caseNumber,
    status: CaseStatus,
    statusLabel: z.string().meta({ example: 'Inskickat' }),
    message: z.string().meta({ example: 'Ditt ärende är nu inskickat.' }),
    info: z.string().meta({ description: 'Text att visa för den som skickade in ärendet.' }),
  })
  .meta({ id: 'SubmissionReceipt', description: 'Kvitto på ett inskickat ärende.' });

export const ActionState = z
  .strictObject({
    caseNumber,
    status: CaseStatus,
    statusLabel: z.string().meta({ example: 'Under behandling' }),
    version: z.int().meta({ description: 'Ärendets version efter åtgärden.' }),
    assigneeId: z.int().nullable().meta({ description: 'Ansvarig handläggare.' }),
  })
  .meta({
    id: 'ActionState',
    description: 'Ärendets nya läge efter en utförd åtgärd.',
    example: { caseNumber: 'KP-2026-00042', status: 'in_progress', statusLabel: 'Under behandling', version: 3, assigneeId: 7 },
  });

const roles = z
  .strictObject({
    canOrder: z.boolean().meta({ description: 'Får göra beställningar (även av SITHS-kort).' }),
    isLocalAdmin: z.boolean().meta({ description: 'Lokal administratör: ser organisationens ärenden och hanterar medlemmarnas roller.' }),
  })
  .meta({ id: 'Roles', description: 'Roller i organisationen.' });

const sessionFields = {
  csrfToken: z.string().optional().meta({ description: 'Endast vid inloggning med session: skickas i `X-CSRF-Token` vid ändringar.' }),
  authMethod: z.string().optional().meta({ description: 'Endast vid inloggning med session: e-legitimationen som användes.', example: 'bankid' }),
};

export const Session = z
  .discriminatedUnion('kind', [
    z
      .strictObject({
        kind: z.literal('person'),
        name: z.string(),
        needsAccount: z.literal(true).meta({ description: 'Kontot saknas: skapa det med `POST /api/v1/account`.' }),
        ...sessionFields,
      })
      .meta({ title: 'Inloggad person utan konto' }),
    z
      .strictObject({
        kind: z.literal('customer'),
        id: z.int().meta({ description: 'Kundkontots id.' }),
        name: z.string().optional(),
        needsAccount: z.literal(false),
        organisation: z.strictObject({ id: z.int(), name: z.string().optional(), verified: z.boolean() }),
        roles,
        ...sessionFields,
      })
      .meta({ title: 'Kund' }),
    z
      .strictObject({
        kind: z.literal('staff'),
        id: z.int().meta({ description: 'Handläggarens id.' }),
        name: z.string(),
        email: z.string(),
        role: z.enum(['handler', 'admin']).meta({ description: 'Handläggare eller administratör.' }),
        needsAccount: z.literal(false),
        ...sessionFields,
      })
      .meta({ title: 'Handläggare' }),
  ])
  .meta({ id: 'Session', description: 'Vem som är inloggad, med vilken sorts konto.' });

export const Organisation = z
  .strictObject({
    id: z.int(),
    name: z.string().meta({ example: 'Region Exempel' }),
    organisationsnummer: z.string().meta({ example: '556016-0680' }),
    verified: z.boolean().meta({ description: 'Organisationen är granskad och verifierad av Kundportalen.' }),
  })
  .meta({ id: 'Organisation', description: 'En organisation.' });

export const OrganisationLookup = Organisation.omit({ id: true }).meta({
  id: 'OrganisationLookup',
  description: 'En registrerad organisation.',
});

export const Contact = z
  .strictObject({
    organisationName: z.string(),
    organisationsnummer: z.string().meta({ example: '556016-0680' }),
    unitName: z.string().optional(),
    personnummer: z.string().meta({ description: '12 siffror.', example: '198507099805' }),
    name: z.string(),
    email: z.string(),
    notifyByEmail: z.boolean(),
  })
  .meta({ id: 'Contact', description: 'Kontaktuppgifterna som ett nytt ärende fylls i med när `contact` utelämnas.' });

export const Me = z
  .strictObject({
    id: z.int(),
    name: z.string(),
    email: z.string(),
    unitName: z.string().nullable(),
    notifyByEmail: z.boolean().meta({ description: 'Vill ha besked om sina ärenden via e-post.' }),
    personnummer: z.string().meta({ description: 'Ditt eget personnummer, 12 siffror.', example: '198507099805' }),
    organisation: Organisation,
    roles,
    contact: Contact,
  })
  .meta({ id: 'Me', description: 'Mina uppgifter.' });

export const AccountCreated = z
  .strictObject({
    accountId: z.int(),
    organisationId: z.int(),
    organisationRegistered: z.boolean().meta({ description: 'Organisationen registrerades nu (och granskas innan den verifieras).' }),
    message: z.string(),
  })
  .meta({ id: 'AccountCreated', description: 'Det skapade kontot.' });

export const Member = z
  .strictObject({
    id: z.int(),
    name: z.string(),
    email: z.string(),
    unitName: z.string().nullable(),
    roles,
    createdAt: timestamp('När kontot skapades.'),
  })
  .meta({ id: 'Member', description: 'En person i organisationen.' });

const NOTIFICATION_KINDS = ['received', 'status', 'message', 'info_request', 'reminder', 'auto_closed'] as const satisfies readonly NotificationKind[];

export const Notification = z
  .strictObject({
    id: z.int(),
    caseNumber,
    kind: z.enum(NOTIFICATION_KINDS).meta({
      description: '`received` (ärendet är mottaget), `status` (ny status), `message` (nytt meddelande), `info_request` (komplettering behövs), `reminder` (påminnelse om en obesvarad fråga), `auto_closed` (avslutat eftersom svar inte kom).',
    }),
    title: z.string().meta({ example: 'Nytt meddelande i ärende KP-2026-00042' }),
    body: z.string(),
    read: z.boolean(),
    createdAt: timestamp('När notifikationen skapades.'),
  })
  .meta({ id: 'Notification', description: 'En notifikation i klockan.' });

export const UnreadCount = z
  .strictObject({ unread: z.int().meta({ description: 'Antal olästa notifikationer.', example: 3 }) })
  .meta({ id: 'UnreadCount', description: 'Antal olästa notifikationer.' });

export const NotificationPage = z
  .strictObject({ items: z.array(Notification), nextCursor, unread: z.int().meta({ description: 'Antal olästa notifikationer totalt.' }) })
  .meta({ id: 'NotificationPage', description: 'En sida notifikationer, nyast först.' });

const tokenFields = {
  id: z.int(),
  name: z.string().meta({ example: 'Integration med ärendesystemet' }),
  hint: z.string().nullable().meta({ description: 'Nyckelns början, för att känna igen den.', example: 'kp_Ab3d…' }),
  createdAt: timestamp('När nyckeln skapades.'),
  lastUsedAt: timestamp('Senast använd (uppdateras högst en gång i minuten).').nullable(),
};

export const ApiToken = z.strictObject(tokenFields).meta({ id: 'ApiToken', description: 'En API-nyckel (själva nyckeln visas aldrig igen).' });

export const CreatedApiToken = z
  .strictObject({
    ...tokenFields,
    token: z.string().meta({ description: 'Nyckeln, att skicka som `Authorization: Bearer kp_…`. Visas bara nu.', example: 'kp_Ab3dEf…' }),
    info: z.string(),
  })
  .meta({ id: 'CreatedApiToken', description: 'En nyss skapad API-nyckel.' });

/** RFC 9457; extension members are allowed, hence a loose object. */
export const Problem = z
  .looseObject({
    type: z.string().meta({ description: 'Problemets typ (URI); `about:blank` när statuskoden säger allt.', example: 'about:blank' }),
    title: z.string().meta({ description: 'Kort rubrik.' }),
    status: z.int().meta({ description: 'HTTP-statuskoden.' }),
    detail: z.string().optional().meta({ description: 'Förklaring för den här förekomsten.' }),
    instance: z.string().optional(),
  })
  .meta({ id: 'Problem', description: 'Ett fel enligt RFC 9457 (problem details), alltid `application/problem+json`.' });

export const FieldError = z
  .strictObject({
    field: z.string().meta({ description: 'Fältets sökväg med punkter; tom för hela innehållet.', example: 'rows.0.personnummer' }),
    message: z.string().meta({ description: 'Vad som är fel, på svenska.', example: 'Ogiltigt personnummer' }),
  })
  .meta({ id: 'FieldError', description: 'Ett felaktigt eller saknat fält.' });

export const ValidationProblem = z
  .strictObject({
    type: z.literal(VALIDATION_PROBLEM_TYPE),
    title: z.string().meta({ example: VALIDATION_PROBLEM_TITLE }),
    status: z.literal(400),
    detail: z.string().meta({ example: '2 uppgifter är felaktiga eller saknas.' }),
    errors: z.array(FieldError).min(1),
  })
  .meta({ id: 'ValidationProblem', description: 'Ogiltiga uppgifter: varje felaktigt fält för sig.' });
