// The customer API's OpenAPI 3.1 document, generated from the zod schemas the handlers validate with:
// request bodies and query parameters are the handlers' own schemas, responses those in ./responses.ts.
import { z } from 'zod';
import {
  type ZodOpenApiOperationObject,
  type ZodOpenApiOverrideContext,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
  type ZodOpenApiResponsesObject,
  createDocument,
  type oas31,
} from 'zod-openapi';
import { CASE_TYPE_LABELS, SITHS_DEFAULT_SUBJECT, SITHS_MAX_ROWS, caseSubmissionSchema, isCaseType } from '../../domain/index.js';
import { caseListQuery, idempotencyKeySchema, messageSchema, withdrawSchema } from '../routes/cases.js';
import { listQuery as notificationListQuery } from '../routes/notifications.js';
import { ACTION_SPECS as ACTIONS } from '../routes/case-actions-spec.js';
import { contactDetailsSchema, memberRolesSchema, newAccountSchema, newTokenSchema } from '../schemas/account.js';
import * as R from './responses.js';

export interface OpenApiDocumentOptions {
  /** The configured card pickup offices: the SITHS row schema is built with them, as the handler's is. */
  pickupOffices: string[];
  /** Absolute base URL for `servers`; without it the document is relative to where it is served. */
  serverUrl?: string;
}

const TAGS = {
  cases: 'Ärenden',
  notifications: 'Notifikationer',
  account: 'Konto',
  organisation: 'Organisation',
  tokens: 'API-nycklar',
  login: 'Inloggning',
  staff: 'Handläggare',
} as const;

const DESCRIPTION = `Kundportalens API för kunder och integrationer: skicka in och följ ärenden, skriv meddelanden,
hämta ärendet som PDF, notifikationer, Mina uppgifter, organisationens medlemmar och API-nycklar, samt
handläggarnas åtgärder på ärenden.

**Inloggning.** Integrationer skickar en API-nyckel: \`Authorization: Bearer kp_…\` (skapas under API-nycklar och visas
bara en gång). Webbläsare loggar in med e-legitimation via \`/auth/login\` (kunder) eller \`/auth/staff/login\`
(handläggare) och får då sessionskakan \`kp_session\`; varje ändrande anrop med kakan måste också skicka huvudet
\`X-CSRF-Token\` med värdet \`csrfToken\` från \`GET /api/v1/session\`.

**Fel** är alltid \`application/problem+json\` (RFC 9457). Ogiltiga uppgifter ger 400 med varje felaktigt fält i
\`errors\` (\`field\` är fältets sökväg med punkter, t.ex. \`rows.0.personnummer\`).

**Listor** bläddras med \`limit\` och \`cursor\`: skicka föregående svars \`nextCursor\` för nästa sida.

Back office-API:t under \`/api/admin/*\` är ett separat, internt API för handläggarnas webbapplikation och ingår
inte i den här dokumentationen.`;

// --- request side: descriptions for the handlers' own schemas ---------------------------------

type AnyZod = z.core.$ZodType;
type Patch = (json: Record<string, unknown>) => void;

const FIELD_TEXTS: Record<string, string> = {
  type: 'Ärendetyp.',
  contact: 'Kontaktuppgifter. Utelämnas blocket fylls det i från Mina uppgifter.',
  organisationName: 'Organisationens namn.',
  organisationsnummer: 'Organisationsnummer, 10 siffror med eller utan bindestreck, t.ex. 556016-0680.',
  unitName: 'Enhetens namn (valfritt).',
  personnummer: 'Personnummer eller samordningsnummer, 10 eller 12 siffror, med eller utan bindestreck.',
  name: 'För- och efternamn.',
  email: 'E-postadress.',
  notifyByEmail: 'Ja (true) för besked via e-post när något händer i ärendet.',
  subject: 'Rubrik.',
  description: 'Beskrivning.',
  service: 'Tjänsten ärendet gäller (valfritt).',
  rows: `En rad per kort, högst ${SITHS_MAX_ROWS}.`,
  otherInfo: 'Övrig information (valfritt).',
  pickupOffice: 'Kortutlämningskontoret där kortet hämtas. Ange detta eller `ownCardOffice: true`, inte båda.',
  ownCardOffice: 'Kortet hämtas på organisationens eget kortkontor (true), i stället för ett kortutlämningskontor.',
  confirmed: 'Bekräftar att uppgifterna är korrekta; måste vara true.',
  canOrder: 'Ge (true) eller ta bort (false) rätten att göra beställningar.',
  isLocalAdmin: 'Ge (true) eller ta bort (false) rollen lokal administratör.',
  reason: 'Varför ärendet återkallas (valfritt); syns i ärendets lösning.',
  assigneeId: 'Id för handläggaren som ska ansvara för ärendet.',
  resolution: 'Lösningen, som kunden får se.',
  body: 'Texten.',
};

const PARAM_TEXTS: Record<string, string> = {
  limit: 'Antal per sida, 1–100.',
  cursor: 'Föregående sidas `nextCursor`; utelämnas för första sidan.',
  status: '`ongoing`: pågående ärenden; `closed`: avslutade.',
  scope: '`own`: mina ärenden; `organisation`: hela organisationens (endast lokala administratörer).',
  unread: '`true`: endast olästa.',
};

const ACTION_TEXTS: Record<keyof typeof ACTIONS, { summary: string; example: Record<string, unknown> }> = {
  take: { summary: 'Ta ärendet (tom kropp)', example: {} },
  assign: { summary: 'Tilldela en handläggare', example: { assigneeId: 7 } },
  reply: { summary: 'Svara kunden', example: { body: 'Korten är beställda och skickas till kortkontoret.' } },
  note: { summary: 'Intern anteckning (syns aldrig för kunden)', example: { body: 'Kontrollerat behörigheten med regionen.' } },
  'request-info': { summary: 'Begär komplettering av kunden', example: { body: 'Ange e-postadress för Eva Ek.' } },
  close: { summary: 'Avsluta med en lösning', example: { resolution: 'Korten är levererade.' } },
  reopen: { summary: 'Återöppna ett avslutat ärende (tom kropp)', example: {} },
};

const defOf = (s: AnyZod) => s._zod.def as unknown as Record<string, unknown> & { type: string };

/** Calls `visit(object, key, property)` for every object property reachable from `schema`. */
function eachProperty(schema: AnyZod, visit: (object: AnyZod, key: string, property: AnyZod) => void, seen = new Set<AnyZod>()): void {
  if (seen.has(schema)) return;
  seen.add(schema);
  const def = defOf(schema);
  const next = (s: unknown): void => void (s && eachProperty(s as AnyZod, visit, seen));
  if (def.type === 'object') {
    for (const [key, property] of Object.entries(def.shape as Record<string, AnyZod>)) {
      visit(schema, key, property);
      next(property);
    }
  }
  if (def.type === 'union') (def.options as AnyZod[]).forEach(next);
  if (def.type === 'array') next(def.element);
  if (def.type === 'pipe') (next(def.in), next(def.out));
  if ('innerType' in def) next(def.innerType);
}

/** The staff action bodies, once each (take and reopen share one), with the actions that take it. */
function staffActionBodies() {
  const bodies = new Map<AnyZod, string[]>();
  for (const [segment, spec] of Object.entries(ACTIONS)) bodies.set(spec.body, [...(bodies.get(spec.body) ?? []), segment]);
  return bodies;
}

/**
 * Descriptions and JSON-Schema facts a refinement cannot express, keyed by the zod node they belong
 * to; applied while zod renders, so the schemas themselves stay exactly the handlers'.
 */
function requestPatches(submission: AnyZod, pickupOffices: string[]) {
  const patches = new Map<AnyZod, Patch[]>();
  const add = (node: AnyZod, patch: Patch) => patches.set(node, [...(patches.get(node) ?? []), patch]);
  const describe = (node: AnyZod, text: string | undefined) => text && add(node, (json) => void (json.description ??= text));

  const contextTexts = new Map<AnyZod, Record<string, string>>([
    [messageSchema, { body: 'Meddelandet till handläggaren.' }],
    [newTokenSchema, { name: 'Ett namn att känna igen nyckeln på, t.ex. integrationens.' }],
    [newAccountSchema, { organisationName: 'Endast när organisationen inte är registrerad: dess namn, så registreras den.' }],
    [ACTIONS.reply.body, { body: 'Svaret till kunden.' }],
    [ACTIONS.note.body, { body: 'Den interna anteckningen.' }],
    [ACTIONS['request-info'].body, { body: 'Vad kunden behöver komplettera med.' }],
  ]);

  for (const variant of defOf(submission).options as AnyZod[]) {
    const type = (defOf(variant).shape as Record<string, AnyZod>).type;
    const value = type && (defOf(type).values as unknown[] | undefined)?.[0];
    if (!isCaseType(value)) continue;
    add(variant, (json) => {
      json.title = CASE_TYPE_LABELS[value];
      // The handler fills in a missing contact block from the account before validating.
      if (Array.isArray(json.required)) json.required = json.required.filter((k) => k !== 'contact');
    });
    if (value === 'siths_order') contextTexts.set(variant, { subject: `Rubrik (valfri; annars "${SITHS_DEFAULT_SUBJECT}").` });
  }

  const roots = [submission, messageSchema, withdrawSchema, contactDetailsSchema, newAccountSchema, memberRolesSchema, newTokenSchema, ...staffActionBodies().keys()];
  for (const root of roots) {
    eachProperty(root, (object, key, property) => {
      describe(property, contextTexts.get(object)?.[key] ?? FIELD_TEXTS[key]);
      // The handler checks the office against the configured list with a refinement; JSON Schema says it with an enum.
      if (key === 'pickupOffice') add(property, (json) => void (json.enum = pickupOffices));
    });
  }
  for (const [body, segments] of staffActionBodies()) add(body, (json) => void (json.title = segments.join(', ')));
  // The handler's refinement: at least one of the roles.
  add(memberRolesSchema, (json) => void (json.minProperties = 1));
  return patches;
}

// --- responses ---------------------------------------------------------------------------------

const problemExample = (example: { type?: string; title: string; status: number; detail: string }) => ({
  'application/problem+json': { schema: R.Problem, example: { type: 'about:blank', ...example } },
});

/** Shared error responses, registered once under components.responses. */
const ERRORS = {
  400: {
    id: 'BadRequest',
    description:
      'Ogiltig begäran: uppgifter som inte godtas (varje fält i `errors`), ogiltig JSON eller en ogiltig parameter.',
    content: {
      'application/problem+json': {
        schema: z.union([R.ValidationProblem, R.Problem]),
        example: {
          type: 'https://kundportal.se/problems/validation',
          title: 'Ogiltiga uppgifter',
          status: 400,
          detail: '2 uppgifter är felaktiga eller saknas.',
          errors: [
            { field: 'rows.0.personnummer', message: 'Ogiltigt personnummer' },
            { field: 'rows.1.pickupOffice', message: 'Välj ett kortutlämningskontor eller ange eget kortkontor' },
          ],
        },
      },
    },
  },
  401: {
    id: 'Unauthorized',
    description: 'Inte inloggad: API-nyckel eller session saknas eller gäller inte längre.',
    content: { 'application/problem+json': { schema: R.Problem, example: { type: 'about:blank', title: 'Inte inloggad', status: 401, detail: 'Logga in med e-legitimation eller ange en giltig API-nyckel.' } } },
  },
  403: {
    id: 'Forbidden',
    description:
      'Åtkomst nekad: fel sorts konto för anropet (t.ex. kund mot handläggarnas API, eller konto saknas), saknad behörighet, eller en session utan giltigt `X-CSRF-Token` vid en ändring.',
    content: problemExample({ title: 'Åtkomst nekad', status: 403, detail: 'Endast för kunder med konto.' }),
  },
  404: {
    id: 'NotFound',
    description: 'Finns inte, eller syns inte för dig (andras ärenden ger 404, inte 403).',
    content: problemExample({ title: 'Hittades inte', status: 404, detail: 'Ärendet finns inte.' }),
  },
  409: {
    id: 'Conflict',
    description: 'Inte tillåtet i ärendets nuvarande läge; `detail` säger varför (t.ex. "Ärendet är redan avslutat.").',
    content: {
      'application/problem+json': {
        schema: R.Problem,
        example: { type: 'https://kundportal.se/problems/action-refused', title: 'Åtgärden är inte tillåten', status: 409, detail: 'Ärendet är redan avslutat.' },
      },
    },
  },
  422: {
    id: 'IdempotencyConflict',
    description: '`Idempotency-Key` har redan använts för en annan begäran.',
    content: problemExample({
      type: 'https://kundportal.se/problems/idempotency-conflict',
      title: 'Idempotency-Key används redan',
      status: 422,
      detail: 'Nyckeln har redan använts för en annan begäran.',
    }),
  },
  429: {
    id: 'TooManyRequests',
    description: 'För många försök på kort tid; vänta en minut.',
    content: problemExample({
      type: 'https://kundportal.se/problems/rate-limited',
      title: 'För många försök',
      status: 429,
      detail: 'Du har gjort för många försök på kort tid. Vänta en minut och försök igen.',
    }),
  },
} satisfies Record<number, ZodOpenApiResponseObject>;
type ErrorCode = keyof typeof ERRORS;

function responses(
  ok: Record<string, ZodOpenApiResponseObject>,
  errors: ErrorCode[],
  specific: Partial<Record<ErrorCode, string>> = {},
): ZodOpenApiResponsesObject {
  const result: Record<string, ZodOpenApiResponseObject> = { ...ok };
  for (const code of errors) {
    const shared = ERRORS[code];
    // An operation-specific reason gets its own description; the schema stays the shared one.
    result[code] = specific[code] ? { description: specific[code], content: shared.content } : shared;
  }
  return result as ZodOpenApiResponsesObject;
}

const json = (description: string, schema: AnyZod, extra: Partial<ZodOpenApiResponseObject> = {}): ZodOpenApiResponseObject => ({
  description,
  content: { 'application/json': { schema } },
  ...extra,
});
const noContent = (description: string): ZodOpenApiResponseObject => ({ description });
const htmlPage = (description: string): ZodOpenApiResponseObject => ({
  description,
  content: { 'text/html': { schema: { type: 'string' } } },
});

// --- parameters and security ----------------------------------------------------------------------

const caseNumberPath = z.object({
  caseNumber: z.string().meta({ description: 'Ärendenummer.', example: 'KP-2026-00042' }),
});
const idPath = (description: string) => z.object({ id: z.int().min(0).meta({ description, example: 42 }) });
const actionIdempotency = z.object({
  'Idempotency-Key': z.string().optional().meta({
    description: 'Valfri. Skickas begäran om med samma nyckel utförs åtgärden ändå bara en gång.',
    example: 'reply-2026-0001',
  }),
});

/** Reads take either kind of credential; writes with a session also need the CSRF header. */
const READ: oas31.SecurityRequirementObject[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
const WRITE: oas31.SecurityRequirementObject[] = [{ bearerAuth: [] }, { sessionCookie: [], csrfToken: [] }];
const PUBLIC: oas31.SecurityRequirementObject[] = [];

const op = (o: ZodOpenApiOperationObject) => o;

// --- the document -------------------------------------------------------------------------------

export function openApiDocument(opts: OpenApiDocumentOptions): oas31.OpenAPIObject {
  const submission = caseSubmissionSchema({ pickupOffices: opts.pickupOffices });
  const patches = requestPatches(submission, opts.pickupOffices);
  // One schema per distinct body, each the handler's own; anyOf, since reply, note and request-info look alike.
  const staffActionBody = z.union([...staffActionBodies().keys()] as [AnyZod, AnyZod, ...AnyZod[]]);
  const office = opts.pickupOffices[0];

  const sithsExample = {
    type: 'siths_order',
    contact: {
      organisationName: 'Region Exempel',
      organisationsnummer: '556016-0680',
      unitName: 'Vårdcentralen Åby',
      personnummer: '198507099805',
      name: 'Åsa Öberg',
      email: 'asa@exempel.se',
      notifyByEmail: true,
    },
    rows: [
      { name: 'Per Persson', personnummer: '199001011007', email: 'per@exempel.se', ...(office ? { pickupOffice: office } : { ownCardOffice: true }) },
      { name: 'Eva Ek', personnummer: '199001011015', email: 'eva@exempel.se', ownCardOffice: true },
    ],
  };

  const paths: ZodOpenApiPathsObject = {
    // --- browser login -------------------------------------------------------------------------
    '/auth/login': {
      get: op({
        tags: [TAGS.login],
        operationId: 'loginCustomer',
        summary: 'Logga in som kund med e-legitimation',
        description:
          'Startar inloggningen: webbläsaren skickas vidare till e-legitimationstjänsten (BankID, Freja eID, SITHS eID) och kommer tillbaka till `/auth/callback`. Öppnas i webbläsaren, inte med API-anrop.',
        security: PUBLIC,
        requestParams: { query: z.object({ returnTo: z.string().optional().meta({ description: 'Sökväg på den här webbplatsen att hamna på efter inloggningen; förval `/api/v1/session`.', example: '/api/v1/session' }) }) },
        responses: responses(
          {
            302: { description: 'Vidare till e-legitimationstjänsten.', headers: z.object({ Location: z.string().meta({ description: 'E-legitimationstjänstens inloggningssida.' }) }) },
            503: htmlPage('E-legitimationstjänsten svarar inte; en sida som säger det.'),
          },
          [429],
        ),
      }),
    },
    '/auth/callback': {
      get: op({
        tags: [TAGS.login],
        operationId: 'loginCustomerCallback',
        summary: 'Tillbaka från e-legitimationstjänsten (kund)',
        description:
          'E-legitimationstjänsten skickar tillbaka webbläsaren hit. Inloggningen slutförs, sessionskakan `kp_session` sätts och webbläsaren skickas till `returnTo`. En person utan konto får en session där bara `POST /api/v1/account` är möjligt.',
        security: PUBLIC,
        requestParams: {
          query: z.object({
            state: z.string().meta({ description: 'Inloggningens state, från e-legitimationstjänsten.' }),
            code: z.string().optional().meta({ description: 'Koden som växlas mot identiteten.' }),
            error: z.string().optional().meta({ description: 'Satt när inloggningen avbröts eller nekades.' }),
          }),
        },
        responses: responses(
          {
            302: {
              description: 'Inloggad: sessionskakan är satt och webbläsaren skickas till `returnTo`.',
              headers: z.object({
                Location: z.string().meta({ description: 'Sidan att visa.' }),
                'Set-Cookie': z.string().meta({ description: '`kp_session` (HttpOnly, SameSite=Lax).' }),
              }),
            },
            400: htmlPage('Inloggningen gick ut, avbröts, startades i en annan webbläsare eller kunde inte verifieras.'),
          },
          [429],
        ),
      }),
    },
    '/auth/staff/login': {
      get: op({
        tags: [TAGS.login],
        operationId: 'loginStaff',
        summary: 'Logga in som handläggare med e-legitimation',
        description: 'Som kundernas inloggning, men för handläggare; kommer tillbaka till `/auth/staff/callback`.',
        security: PUBLIC,
        requestParams: { query: z.object({ returnTo: z.string().optional().meta({ description: 'Sökväg på den här webbplatsen att hamna på efter inloggningen; förval `/admin/`.', example: '/admin/' }) }) },
        responses: responses(
          {
            302: { description: 'Vidare till e-legitimationstjänsten.', headers: z.object({ Location: z.string() }) },
            503: htmlPage('E-legitimationstjänsten svarar inte; en sida som säger det.'),
          },
          [429],
        ),
      }),
    },
    '/auth/staff/callback': {
      get: op({
        tags: [TAGS.login],
        operationId: 'loginStaffCallback',
        summary: 'Tillbaka från e-legitimationstjänsten (handläggare)',
        description: 'Slutför handläggarens inloggning, sätter sessionskakan och skickar webbläsaren till `returnTo`.',
        security: PUBLIC,
        requestParams: {
          query: z.object({
            state: z.string().meta({ description: 'Inloggningens state.' }),
            code: z.string().optional(),
            error: z.string().optional(),
          }),
        },
        responses: responses(
          {
            302: { description: 'Inloggad: sessionskakan är satt.', headers: z.object({ Location: z.string(), 'Set-Cookie': z.string() }) },
            400: htmlPage('Inloggningen gick ut, avbröts eller kunde inte verifieras.'),
            403: htmlPage('Personen är inte registrerad som handläggare.'),
          },
          [429],
        ),
      }),
    },
    '/auth/logout': {
      post: op({
        tags: [TAGS.login],
        operationId: 'logout',
        summary: 'Logga ut',
        description: 'Avslutar sessionen och tar bort sessionskakan. Med en giltig session krävs `X-CSRF-Token`.',
        security: [{ sessionCookie: [], csrfToken: [] }, {}],
        responses: responses({ 204: noContent('Utloggad.') }, [403, 429], { 403: 'Sessionen skickade inget giltigt `X-CSRF-Token`.' }),
      }),
    },
    '/api/v1/session': {
      get: op({
        tags: [TAGS.login],
        operationId: 'getSession',
        summary: 'Vem är inloggad',
        description: 'Den inloggade personen eller API-nyckelns ägare. För en session även `csrfToken`, som ska skickas i `X-CSRF-Token` vid ändringar.',
        security: READ,
        responses: responses({ 200: json('Inloggad.', R.Session) }, [401]),
      }),
    },

    // --- account -----------------------------------------------------------------------------------
    '/api/v1/account': {
      post: op({
        tags: [TAGS.account],
        operationId: 'createAccount',
        summary: 'Skapa nytt konto',
        description:
          'Efter första inloggningen med e-legitimation: skapar kontot för den inloggade personen och kopplar det till organisationen. Är organisationen inte registrerad anges dess namn, och den registreras (och granskas av oss). Endast med session.',
        security: [{ sessionCookie: [], csrfToken: [] }],
        requestBody: { required: true, content: { 'application/json': { schema: newAccountSchema } } },
        responses: responses({ 201: json('Kontot är skapat.', R.AccountCreated) }, [400, 401, 403, 409], {
          409: 'Det finns redan ett konto för personen.',
        }),
      }),
    },
    '/api/v1/organisations/{organisationsnummer}': {
      get: op({
        tags: [TAGS.account],
        operationId: 'lookupOrganisation',
        summary: 'Finns organisationen registrerad?',
        description: 'Används när kontot skapas: finns organisationen behöver dess namn inte anges.',
        security: READ,
        requestParams: { path: z.object({ organisationsnummer: z.string().meta({ description: 'Organisationsnummer.', example: '556016-0680' }) }) },
        responses: responses({ 200: json('Organisationen är registrerad.', R.OrganisationLookup) }, [401, 403, 404], {
          404: 'Organisationen finns inte registrerad.',
        }),
      }),
    },
    '/api/v1/me': {
      get: op({
        tags: [TAGS.account],
        operationId: 'getMe',
        summary: 'Mina uppgifter',
        description: 'Kontaktuppgifter, organisation och roller. Nya ärenden fylls i med dessa kontaktuppgifter.',
        security: READ,
        responses: responses({ 200: json('Mina uppgifter.', R.Me) }, [401, 403, 404]),
      }),
      put: op({
        tags: [TAGS.account],
        operationId: 'updateMe',
        summary: 'Ändra mina uppgifter',
        description: 'Namn, e-post, enhet och om du vill ha besked via e-post.',
        security: WRITE,
        requestBody: { required: true, content: { 'application/json': { schema: contactDetailsSchema } } },
        responses: responses({ 200: json('De ändrade uppgifterna.', R.Me) }, [400, 401, 403]),
      }),
    },

    // --- cases -------------------------------------------------------------------------------------
    '/api/v1/cases': {
      post: op({
        tags: [TAGS.cases],
        operationId: 'submitCase',
        summary: 'Skicka in ett ärende',
        description: `Ett ärende av någon av typerna ${Object.values(CASE_TYPE_LABELS).join(', ')}. Utan \`contact\` fylls kontaktuppgifterna i från Mina uppgifter. Beställningar kräver rätten att beställa. Med samma \`Idempotency-Key\` skapas ärendet bara en gång: en upprepning svarar 200 med samma ärende.`,
        security: WRITE,
        requestParams: {
          header: z.object({
            'Idempotency-Key': idempotencyKeySchema.optional().meta({ description: 'Valfri nyckel, 1–200 synliga ASCII-tecken, som gör inskickningen säker att upprepa.', example: 'order-2026-0001' }),
          }),
        },
        requestBody: {
          required: true,
          description: 'Ärendet, med `type` som avgör vilka fält som gäller.',
          content: {
            'application/json': {
              schema: submission,
              examples: {
                siths: { summary: 'Beställning av SITHS-kort', value: sithsExample },
                question: {
                  summary: 'Fråga, kontaktuppgifter från Mina uppgifter',
                  value: { type: 'question', subject: 'Inloggning med SITHS', description: 'Hur loggar vi in i tjänsten med SITHS eID?' },
                },
              },
            },
          },
        },
        responses: responses(
          {
            201: json('Ärendet är inskickat.', R.SubmissionReceipt, {
              headers: z.object({ Location: z.string().meta({ description: 'Ärendets adress.', example: '/api/v1/cases/KP-2026-00042' }) }),
            }),
            200: json('Redan inskickat med samma `Idempotency-Key`: samma ärende.', R.SubmissionReceipt),
          },
          [400, 401, 403, 422, 429],
          { 403: 'Beställningar kräver rätten att beställa (eller fel sorts konto, eller saknat `X-CSRF-Token`).' },
        ),
      }),
      get: op({
        tags: [TAGS.cases],
        operationId: 'listCases',
        summary: 'Mina ärenden',
        description: 'Pågående eller avslutade ärenden, nyast först. Lokala administratörer kan se hela organisationens.',
        security: READ,
        requestParams: { query: caseListQuery },
        responses: responses({ 200: json('En sida ärenden.', R.CasePage) }, [400, 401, 403], {
          403: '`scope=organisation` utan att vara lokal administratör, eller fel sorts konto.',
        }),
      }),
    },
    '/api/v1/cases/{caseNumber}': {
      get: op({
        tags: [TAGS.cases],
        operationId: 'getCase',
        summary: 'Ett ärende',
        description: 'Ärendet med dess offentliga historik; personnummer är maskerade.',
        security: READ,
        requestParams: { path: caseNumberPath },
        responses: responses({ 200: json('Ärendet.', R.Case) }, [401, 403, 404]),
      }),
    },
    '/api/v1/cases/{caseNumber}/pdf': {
      get: op({
        tags: [TAGS.cases],
        operationId: 'getCasePdf',
        summary: 'Ärendet som PDF',
        description: 'Ärendet med uppgifter och meddelanden, som PDF att spara eller skriva ut.',
        security: READ,
        requestParams: { path: caseNumberPath },
        responses: responses(
          {
            200: {
              description: 'PDF-filen.',
              headers: z.object({ 'Content-Disposition': z.string().meta({ example: 'attachment; filename="KP-2026-00042.pdf"' }) }),
              content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf', format: 'binary' } } },
            },
          },
          [401, 403, 404],
        ),
      }),
    },
    '/api/v1/cases/{caseNumber}/messages': {
      post: op({
        tags: [TAGS.cases],
        operationId: 'sendCaseMessage',
        summary: 'Skriv ett meddelande',
        description: 'Ett meddelande till handläggaren. Väntade ärendet på dig går det tillbaka till Under behandling.',
        security: WRITE,
        requestParams: { path: caseNumberPath, header: actionIdempotency },
        requestBody: { required: true, content: { 'application/json': { schema: messageSchema } } },
        responses: responses({ 200: json('Ärendets nya läge.', R.ActionState) }, [400, 401, 403, 404, 409]),
      }),
    },
    '/api/v1/cases/{caseNumber}/withdraw': {
      post: op({
        tags: [TAGS.cases],
        operationId: 'withdrawCase',
        summary: 'Återkalla ärendet',
        description: 'Avslutar ärendet på din begäran.',
        security: WRITE,
        requestParams: { path: caseNumberPath, header: actionIdempotency },
        requestBody: { required: true, description: 'Skicka `{}` om du inte vill ange något skäl.', content: { 'application/json': { schema: withdrawSchema } } },
        responses: responses({ 200: json('Ärendets nya läge.', R.ActionState) }, [400, 401, 403, 404, 409]),
      }),
    },

    // --- notifications -----------------------------------------------------------------------------
    '/api/v1/notifications': {
      get: op({
        tags: [TAGS.notifications],
        operationId: 'listNotifications',
        summary: 'Notifikationer',
        description: 'Klockans notifikationer om dina ärenden, nyast först.',
        security: READ,
        requestParams: { query: notificationListQuery },
        responses: responses({ 200: json('En sida notifikationer.', R.NotificationPage) }, [400, 401, 403]),
      }),
    },
    '/api/v1/notifications/unread-count': {
      get: op({
        tags: [TAGS.notifications],
        operationId: 'countUnreadNotifications',
        summary: 'Antal olästa',
        security: READ,
        responses: responses({ 200: json('Antal olästa.', R.UnreadCount) }, [401, 403]),
      }),
    },
    '/api/v1/notifications/read-all': {
      post: op({
        tags: [TAGS.notifications],
        operationId: 'markAllNotificationsRead',
        summary: 'Markera alla som lästa',
        security: WRITE,
        responses: responses({ 204: noContent('Alla är lästa.') }, [401, 403]),
      }),
    },
    '/api/v1/notifications/{id}/read': {
      post: op({
        tags: [TAGS.notifications],
        operationId: 'markNotificationRead',
        summary: 'Markera som läst',
        security: WRITE,
        requestParams: { path: idPath('Notifikationens id.') },
        responses: responses({ 204: noContent('Läst.') }, [401, 403, 404]),
      }),
    },

    // --- organisation ------------------------------------------------------------------------------
    '/api/v1/organisation': {
      get: op({
        tags: [TAGS.organisation],
        operationId: 'getOrganisation',
        summary: 'Min organisation',
        security: READ,
        responses: responses({ 200: json('Organisationen.', R.Organisation) }, [401, 403]),
      }),
    },
    '/api/v1/organisation/members': {
      get: op({
        tags: [TAGS.organisation],
        operationId: 'listMembers',
        summary: 'Organisationens medlemmar',
        description: 'Endast för organisationens lokala administratörer.',
        security: READ,
        responses: responses({ 200: json('Medlemmarna.', z.array(R.Member)) }, [401, 403]),
      }),
    },
    '/api/v1/organisation/members/{id}/roles': {
      put: op({
        tags: [TAGS.organisation],
        operationId: 'setMemberRoles',
        summary: 'Ändra en medlems roller',
        description: 'Ger eller tar bort rätten att beställa och rollen lokal administratör. Endast för lokala administratörer; din egen administratörsroll kan du inte ta bort.',
        security: WRITE,
        requestParams: { path: idPath('Medlemmens id.') },
        requestBody: { required: true, content: { 'application/json': { schema: memberRolesSchema } } },
        responses: responses({ 200: json('Medlemmen med de nya rollerna.', R.Member) }, [400, 401, 403, 404]),
      }),
    },

    // --- API tokens --------------------------------------------------------------------------------
    '/api/v1/tokens': {
      get: op({
        tags: [TAGS.tokens],
        operationId: 'listTokens',
        summary: 'Mina API-nycklar',
        description: 'Nycklar som inte är återkallade. Själva nyckeln visas aldrig igen.',
        security: READ,
        responses: responses({ 200: json('Nycklarna.', z.array(R.ApiToken)) }, [401, 403]),
      }),
      post: op({
        tags: [TAGS.tokens],
        operationId: 'createToken',
        summary: 'Skapa en API-nyckel',
        description: 'För integrationer som skickar in ärenden utan webbläsare. Nyckeln visas bara i svaret: spara den.',
        security: WRITE,
        requestBody: { required: true, content: { 'application/json': { schema: newTokenSchema } } },
        responses: responses({ 201: json('Den nya nyckeln.', R.CreatedApiToken) }, [400, 401, 403]),
      }),
    },
    '/api/v1/tokens/{id}': {
      delete: op({
        tags: [TAGS.tokens],
        operationId: 'revokeToken',
        summary: 'Återkalla en API-nyckel',
        security: WRITE,
        requestParams: { path: idPath('Nyckelns id.') },
        responses: responses({ 204: noContent('Återkallad.') }, [401, 403, 404]),
      }),
    },

    // --- staff -------------------------------------------------------------------------------------
    '/api/v1/staff/cases/{caseNumber}': {
      get: op({
        tags: [TAGS.staff],
        operationId: 'getStaffCase',
        summary: 'Hela ärendet',
        description: 'Ärendet med fullständiga uppgifter och hela historiken, interna anteckningar medräknade. Endast för handläggare.',
        security: READ,
        requestParams: { path: caseNumberPath },
        responses: responses({ 200: json('Ärendet.', R.StaffCase) }, [401, 403, 404]),
      }),
    },
    '/api/v1/staff/cases/{caseNumber}/actions/{action}': {
      post: op({
        tags: [TAGS.staff],
        operationId: 'runStaffAction',
        summary: 'Utför en åtgärd på ärendet',
        description: [
          'Åtgärden går genom ärendets arbetsflöde; en otillåten åtgärd (t.ex. att avsluta ett avslutat ärende) nekas med 409 och skälet. Kroppen beror på åtgärden:',
          '',
          ...Object.keys(ACTIONS).map((segment) => {
            const text = ACTION_TEXTS[segment as keyof typeof ACTIONS];
            return `- \`${segment}\`: ${text.summary}, \`${JSON.stringify(text.example)}\``;
          }),
        ].join('\n'),
        security: WRITE,
        requestParams: {
          path: caseNumberPath.extend({
            action: z.enum(Object.keys(ACTIONS) as [string, ...string[]]).meta({ description: 'Åtgärden.' }),
          }),
          header: actionIdempotency,
        },
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: staffActionBody,
              examples: Object.fromEntries(
                Object.keys(ACTIONS).map((segment) => {
                  const text = ACTION_TEXTS[segment as keyof typeof ACTIONS];
                  return [segment, { summary: `${segment}: ${text.summary}`, value: text.example }];
                }),
              ),
            },
          },
        },
        responses: responses({ 200: json('Ärendets nya läge.', R.ActionState) }, [400, 401, 403, 404, 409], {
          404: 'Ärendet eller åtgärden finns inte.',
        }),
      }),
    },
  };

  const document = createDocument(
    {
      openapi: '3.1.0',
      info: { title: 'Kundportal API', version: '1.0.0', description: DESCRIPTION },
      servers: [{ url: opts.serverUrl ?? '/', description: opts.serverUrl ? 'Kundportalen' : 'Samma server som dokumentationen' }],
      tags: [
        { name: TAGS.cases, description: 'Skicka in, följa och svara i ärenden.' },
        { name: TAGS.notifications, description: 'Klockan: notifikationer om dina ärenden.' },
        { name: TAGS.account, description: 'Konto och Mina uppgifter.' },
        { name: TAGS.organisation, description: 'Organisationen, dess medlemmar och roller.' },
        { name: TAGS.tokens, description: 'API-nycklar för integrationer.' },
        { name: TAGS.login, description: 'Inloggning med e-legitimation, utloggning och sessionen.' },
        { name: TAGS.staff, description: 'Handläggarnas API för ärenden.' },
      ],
      paths,
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'kp_…',
            description: 'API-nyckel, `Authorization: Bearer kp_…`. Skapas under API-nycklar (eller av en administratör) och visas bara en gång.',
          },
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: 'kp_session',
            description:
              'Sessionskakan efter inloggning med e-legitimation (`/auth/login`, `/auth/staff/login`): HttpOnly, sätts av servern. Ändrande anrop (POST, PUT, DELETE) med kakan kräver också `X-CSRF-Token`.',
          },
          csrfToken: {
            type: 'apiKey',
            in: 'header',
            name: 'X-CSRF-Token',
            description: 'Krävs tillsammans med sessionskakan vid ändrande anrop: värdet `csrfToken` från `GET /api/v1/session`. Behövs inte med API-nyckel.',
          },
        },
        schemas: {
          // Registered even where no operation refers to them directly, so readers find them.
          FieldError: R.FieldError,
        },
      },
    },
    {
      override: (ctx: ZodOpenApiOverrideContext) => {
        const json = ctx.jsonSchema as Record<string, unknown>;
        if (ctx.io === 'input') {
          for (const patch of patches.get(ctx.zodSchema as AnyZod) ?? []) patch(json);
          return;
        }
        // Responses: zod's safe-integer bounds and its ISO pattern say nothing a reader needs.
        if (json.minimum === Number.MIN_SAFE_INTEGER) delete json.minimum;
        if (json.maximum === Number.MAX_SAFE_INTEGER) delete json.maximum;
        if (json.format === 'date-time') delete json.pattern;
      },
    },
  );
  describeParameters(document);
  return document;
}

/** Query parameters are the handlers' own schemas, which carry no descriptions: add them by name. */
function describeParameters(document: oas31.OpenAPIObject) {
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item as Record<string, oas31.OperationObject>)) {
      for (const p of operation.parameters ?? []) {
        if ('$ref' in p || p.in !== 'query' || p.description) continue;
        const text = PARAM_TEXTS[p.name];
        if (text) p.description = text;
      }
    }
  }
}
