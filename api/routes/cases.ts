// Customer API: submit a case, Mina sidor (ongoing and closed), one case with its public timeline,
// the case as PDF, messages and withdrawal, and the outcome of a message or withdrawal still pending.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { CASE_TYPE_LABELS, STATUS_LABELS, caseRequestSchema } from '../../domain/index.js';
import { actionRequest, sendCustomerMessage, withdrawCase } from '../../services/case-actions.js';
import { SUBMITTED_TEXT, getCase, listCases, submitCase } from '../../services/cases.js';
import { type AuthEnv, authorise } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { READ, WRITE, errors, guarded, json, jsonBody, openApiApp } from '../openapi/route-kit.js';
import * as R from '../openapi/responses.js';
import { casePdfFile } from '../pdf/case-pdf-file.js';
import { actionAnswer, caseSummary, fullCase } from '../presenters/case.js';
import { rateLimit } from '../rate-limit.js';
import { pendingResponse, requestIdOf, requestPath, statusUrls } from '../schemas/action-requests.js';
import { caseListQuery, caseNumberPath, idempotencyHeader, messageSchema, withdrawSchema } from '../schemas/cases.js';

const tags = ['Ärenden'];
const ACTION_KEY = 'Valfri. Skickas begäran om med samma nyckel utförs åtgärden ändå bara en gång.';
const STATUS_EXAMPLE = statusUrls.customer('KP-2026-00042', 'message-2026-0001');

const actionResponses = {
  200: json('Ärendets nya läge.', R.ActionState),
  202: pendingResponse(STATUS_EXAMPLE),
  ...errors(400, 401, 403, 404, 409, 415),
};

export function customerCases(deps: ApiDeps) {
  const customer = authorise(deps.db, 'customer');
  const app = openApiApp();
  const submission = caseRequestSchema({ pickupOffices: deps.pickupOffices }).meta({ id: 'CaseSubmission' });
  const submitLimit = rateLimit<AuthEnv<'customer'>>(deps.db, {
    name: 'submit',
    perMinute: deps.rateLimits.submissionsPerMinute,
    key: (c) => String(c.get('principal').accountId),
  });

  const submit = createRoute({
    method: 'post',
    path: '/',
    tags,
    operationId: 'submitCase',
    summary: 'Skicka in ett ärende',
    description: `Ett ärende av någon av typerna ${Object.values(CASE_TYPE_LABELS).join(', ')}. Utan \`contact\` fylls kontaktuppgifterna i från Mina uppgifter; anges de måste de gälla din egen organisation. Beställningar kräver rätten att beställa. Med samma \`Idempotency-Key\` skapas ärendet bara en gång: en upprepning svarar 200 med samma ärende.`,
    security: WRITE,
    middleware: guarded(customer, submitLimit),
    request: {
      headers: idempotencyHeader('Valfri nyckel, 1–200 synliga ASCII-tecken, som gör inskickningen säker att upprepa.'),
      body: jsonBody(submission, 'Ärendet, med `type` som avgör vilka fält som gäller.'),
    },
    responses: {
      201: {
        ...json('Ärendet är inskickat.', R.SubmissionReceipt),
        headers: z.object({ Location: z.string().meta({ description: 'Ärendets adress.', example: '/api/v1/cases/KP-2026-00042' }) }),
      },
      200: json('Redan inskickat med samma `Idempotency-Key`: samma ärende.', R.SubmissionReceipt),
      ...errors(400, 401, 403, 415, 422, 429),
    },
  });
  app.openapi(submit, async (c) => {
    const key = c.req.valid('header')['idempotency-key'];
    const { row, created } = await submitCase(deps, c.get('principal'), c.req.valid('json'), key);
    c.header('Location', `/api/v1/cases/${row.caseNumber}`);
    const receipt = { caseNumber: row.caseNumber, status: row.status, statusLabel: STATUS_LABELS[row.status], ...SUBMITTED_TEXT };
    return created ? c.json(receipt, 201) : c.json(receipt, 200);
  });

  const list = createRoute({
    method: 'get',
    path: '/',
    tags,
    operationId: 'listCases',
    summary: 'Mina ärenden',
    description: 'Pågående eller avslutade ärenden, nyast först. Lokala administratörer kan se hela organisationens.',
    security: READ,
    middleware: guarded(customer),
    request: { query: caseListQuery },
    responses: { 200: json('En sida ärenden.', R.CasePage), ...errors(400, 401, 403) },
  });
  app.openapi(list, async (c) => {
    const page = await listCases(deps, c.get('principal'), c.req.valid('query'));
    return c.json({ items: page.items.map(caseSummary), nextCursor: page.nextCursor }, 200);
  });

  const one = createRoute({
    method: 'get',
    path: '/{caseNumber}',
    tags,
    operationId: 'getCase',
    summary: 'Ett ärende',
    description: 'Ärendet med dess offentliga historik; personnummer är maskerade.',
    security: READ,
    middleware: guarded(customer),
    request: { params: caseNumberPath },
    responses: { 200: json('Ärendet.', R.Case), ...errors(401, 403, 404) },
  });
  app.openapi(one, async (c) => c.json(fullCase(await getCase(deps, c.get('principal'), c.req.valid('param').caseNumber)) as z.input<typeof R.Case>, 200));

  const pdf = createRoute({
    method: 'get',
    path: '/{caseNumber}/pdf',
    tags,
    operationId: 'getCasePdf',
    summary: 'Ärendet som PDF',
    description: 'Ärendet med uppgifter och meddelanden, som PDF att spara eller skriva ut.',
    security: READ,
    middleware: guarded(customer),
    request: { params: caseNumberPath },
    responses: {
      200: {
        description: 'PDF-filen.',
        headers: z.object({ 'Content-Disposition': z.string().meta({ example: 'attachment; filename="KP-2026-00042.pdf"' }) }),
        content: { 'application/pdf': { schema: z.string().meta({ format: 'binary', contentMediaType: 'application/pdf' }) } },
      },
      ...errors(401, 403, 404),
    },
  });
  app.openapi(pdf, async (c) => {
    const file = await casePdfFile(deps, c.get('principal'), c.req.valid('param').caseNumber);
    return c.body(file.bytes, 200, file.headers);
  });

  const message = createRoute({
    method: 'post',
    path: '/{caseNumber}/messages',
    tags,
    operationId: 'sendCaseMessage',
    summary: 'Skriv ett meddelande',
    description: 'Ett meddelande till handläggaren. Väntade ärendet på dig går det tillbaka till Under behandling.',
    security: WRITE,
    middleware: guarded(customer),
    request: { params: caseNumberPath, headers: idempotencyHeader(ACTION_KEY), body: jsonBody(messageSchema) },
    responses: actionResponses,
  });
  app.openapi(message, async (c) => {
    const { caseNumber } = c.req.valid('param');
    const result = await sendCustomerMessage(deps, c.get('principal'), caseNumber, c.req.valid('json').body, c.req.valid('header')['idempotency-key']);
    return actionAnswer(c, result, (id) => statusUrls.customer(caseNumber, id));
  });

  const withdraw = createRoute({
    method: 'post',
    path: '/{caseNumber}/withdraw',
    tags,
    operationId: 'withdrawCase',
    summary: 'Återkalla ärendet',
    description: 'Avslutar ärendet på din begäran.',
    security: WRITE,
    middleware: guarded(customer),
    request: { params: caseNumberPath, headers: idempotencyHeader(ACTION_KEY), body: jsonBody(withdrawSchema, 'Skicka `{}` om du inte vill ange något skäl.') },
    responses: actionResponses,
  });
  app.openapi(withdraw, async (c) => {
    const { caseNumber } = c.req.valid('param');
    const result = await withdrawCase(deps, c.get('principal'), caseNumber, c.req.valid('json').reason, c.req.valid('header')['idempotency-key']);
    return actionAnswer(c, result, (id) => statusUrls.customer(caseNumber, id));
  });

  const request = createRoute({
    method: 'get',
    path: '/{caseNumber}/requests/{requestId}',
    tags,
    operationId: 'getCaseRequest',
    summary: 'Utfallet av ett meddelande eller en återkallelse',
    description:
      'Utfallet av ett meddelande eller en återkallelse som du har skickat och som svarade 202, hämtat med dess nyckel (din `Idempotency-Key`). Väntar några sekunder på en begäran som pågår. 404 betyder att begäran är okänd (aldrig mottagen, eller nekad innan den påbörjades): skicka den då igen med samma nyckel, den utförs ändå bara en gång.',
    security: READ,
    middleware: guarded(customer),
    request: { params: requestPath },
    responses: {
      200: json('Utförd: ärendets nya läge.', R.ActionState),
      202: pendingResponse(STATUS_EXAMPLE),
      ...errors(401, 403, 404, 409),
    },
  });
  app.openapi(request, async (c) => {
    const { caseNumber, requestId } = c.req.valid('param');
    const result = await actionRequest(deps, c.get('principal'), caseNumber, requestIdOf(requestId));
    return actionAnswer(c, result, (id) => statusUrls.customer(caseNumber, id));
  });

  return app;
}
