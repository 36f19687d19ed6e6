// An action still being carried out: its status URL's path, the 202 answer, and where that URL points.
import { z } from 'zod';
import { notFound } from '../../services/errors.js';
import { caseNumberPath, idempotencyKey } from './cases.js';

export const requestPath = caseNumberPath.extend({
  requestId: z.string().meta({ description: 'Åtgärdens `Idempotency-Key`, eller nyckeln som 202-svaret angav.', example: 'reply-2026-0001' }),
});

/** A request id that no key could be is simply not found, as an unknown one is. */
export function requestIdOf(value: string): string {
  if (!idempotencyKey.safeParse(value).success) throw notFound('Begäran finns inte.');
  return value;
}

/** Where each API answers for an action's outcome. */
export const statusUrls = {
  staff: (caseNumber: string, requestId: string) => `/api/v1/staff/cases/${encodeURIComponent(caseNumber)}/actions/requests/${encodeURIComponent(requestId)}`,
  customer: (caseNumber: string, requestId: string) => `/api/v1/cases/${encodeURIComponent(caseNumber)}/requests/${encodeURIComponent(requestId)}`,
  backOffice: (caseNumber: string, requestId: string) => `/api/admin/cases/${encodeURIComponent(caseNumber)}/actions/requests/${encodeURIComponent(requestId)}`,
};

/** Seconds a client is asked to wait before reading the status URL. */
export const PENDING_RETRY_AFTER = 1;

const ActionPending = z
  .strictObject({
    requestId: z.string().meta({ description: 'Nyckeln som åtgärden utförs under; skicka den som `Idempotency-Key` om du gör om begäran.' }),
    status: z.literal('pending'),
    statusUrl: z.string().meta({ description: 'Var utfallet kan hämtas (samma som `Location`).', example: '/api/v1/staff/cases/KP-2026-00042/actions/requests/reply-2026-0001' }),
    message: z.string().meta({ example: 'Åtgärden är mottagen och utförs så snart som möjligt.' }),
  })
  .meta({ id: 'ActionPending', description: 'Åtgärden är mottagen men inte klar än.' });

export const PENDING_MESSAGE =
  'Åtgärden är mottagen och utförs så snart som möjligt. Hämta utfallet från statusadressen. Skickar du om åtgärden, använd samma Idempotency-Key så utförs den bara en gång.';

/** The 202 response as the document shows it. */
export const pendingResponse = (example: string) => ({
  description: `Åtgärden är mottagen men blev inte klar inom några sekunder (till exempel när systemet är hårt belastat). Den utförs så snart som möjligt; hämta utfallet från \`Location\`. Gör du om begäran, skicka samma \`Idempotency-Key\`: då ansluter den till den första i stället för att utföras en gång till.`,
  headers: z.object({
    Location: z.string().meta({ description: 'Statusadressen för åtgärdens utfall.', example }),
    'Retry-After': z.string().meta({ description: 'Sekunder att vänta innan statusadressen läses.', example: String(PENDING_RETRY_AFTER) }),
  }),
  content: { 'application/json': { schema: ActionPending } },
});
