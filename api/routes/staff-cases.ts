// Handlers' API: read a whole case, act on it through the workflow, and read a pending action's outcome.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { actionRequest, runStaffAction } from '../../services/case-actions.js';
import { getCase } from '../../services/cases.js';
import { notFound } from '../../services/errors.js';
import { authorise } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { READ, WRITE, errors, guarded, json, jsonBody, openApiApp } from '../openapi/route-kit.js';
import * as R from '../openapi/responses.js';
import { actionAnswer, fullCase } from '../presenters/case.js';
import { parseOrThrow } from '../problems.js';
import { pendingResponse, requestIdOf, requestPath, statusUrls } from '../schemas/action-requests.js';
import { ACTION_SEGMENTS, actionSpec } from '../schemas/actions.js';
import { caseNumberPath, idempotencyHeader } from '../schemas/cases.js';

const tags = ['Handläggare'];
const STATUS_EXAMPLE = statusUrls.staff('KP-2026-00042', 'reply-2026-0001');

export function staffCases(deps: ApiDeps) {
  const app = openApiApp();
  const staff = guarded(authorise(deps.db, 'staff'));

  const one = createRoute({
    method: 'get',
    path: '/{caseNumber}',
    tags,
    operationId: 'getStaffCase',
    summary: 'Hela ärendet',
    description: 'Ärendet med fullständiga uppgifter och hela historiken, interna anteckningar medräknade. Endast för handläggare.',
    security: READ,
    middleware: staff,
    request: { params: caseNumberPath },
    responses: { 200: json('Ärendet.', R.StaffCase), ...errors(401, 403, 404) },
  });
  app.openapi(one, async (c) => c.json(fullCase(await getCase(deps, c.get('principal'), c.req.valid('param').caseNumber)) as z.input<typeof R.StaffCase>, 200));

  const act = createRoute({
    method: 'post',
    path: '/{caseNumber}/actions/{action}',
    tags,
    operationId: 'runStaffAction',
    summary: 'Utför en åtgärd på ärendet',
    description:
      'Åtgärden går genom ärendets arbetsflöde; en otillåten åtgärd (t.ex. att avsluta ett avslutat ärende) nekas med 409 och skälet. Kroppen beror på åtgärden: `take` och `reopen` tar `{}`, `assign` `{ "assigneeId": 7 }`, `reply`, `note` och `request-info` `{ "body": "…" }`, `close` `{ "resolution": "…" }`.',
    security: WRITE,
    middleware: staff,
    request: {
      // The segment is checked by the handler: an unknown action is not found, as an unknown case is.
      params: caseNumberPath.extend({ action: z.string().meta({ description: 'Åtgärden.', enum: ACTION_SEGMENTS }) }),
      headers: idempotencyHeader('Valfri. Skickas begäran om med samma nyckel utförs åtgärden ändå bara en gång.'),
      // Any object here; the action's own schema checks it, so an unknown field is named as such.
      body: jsonBody(z.record(z.string(), z.unknown()).meta({ id: 'StaffActionBody', description: 'Kroppen för åtgärden, se beskrivningen.', example: { body: 'Korten är beställda.' } })),
    },
    responses: {
      200: json('Ärendets nya läge.', R.ActionState),
      202: pendingResponse(STATUS_EXAMPLE),
      ...errors(400, 401, 403, 404, 409, 415),
    },
  });
  app.openapi(act, async (c) => {
    const { caseNumber, action } = c.req.valid('param');
    const spec = actionSpec(action);
    if (!spec) throw notFound('Åtgärden finns inte.');
    const input = parseOrThrow(spec.body, c.req.valid('json'));
    const result = await runStaffAction(deps, c.get('principal'), caseNumber, spec.action, input, c.req.valid('header')['idempotency-key']);
    return actionAnswer(c, result, (id) => statusUrls.staff(caseNumber, id));
  });

  const request = createRoute({
    method: 'get',
    path: '/{caseNumber}/actions/requests/{requestId}',
    tags,
    operationId: 'getStaffActionRequest',
    summary: 'Utfallet av en åtgärd',
    description:
      'Utfallet av en åtgärd som du har skickat och som svarade 202, hämtat med dess nyckel (din `Idempotency-Key`). Väntar några sekunder på en åtgärd som pågår. 404 betyder att begäran är okänd (aldrig mottagen, eller nekad innan den påbörjades): skicka då åtgärden igen med samma nyckel, den utförs ändå bara en gång.',
    security: READ,
    middleware: staff,
    request: { params: requestPath },
    responses: {
      200: json('Åtgärden är utförd: ärendets nya läge.', R.ActionState),
      202: pendingResponse(STATUS_EXAMPLE),
      ...errors(401, 403, 404, 409),
    },
  });
  app.openapi(request, async (c) => {
    const { caseNumber, requestId } = c.req.valid('param');
    const result = await actionRequest(deps, c.get('principal'), caseNumber, requestIdOf(requestId));
    return actionAnswer(c, result, (id) => statusUrls.staff(caseNumber, id));
  });
  return app;
}
