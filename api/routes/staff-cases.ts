// Handlers' API: read a whole case and act on it through the workflow.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { runStaffAction } from '../../services/case-actions.js';
import { getCase } from '../../services/cases.js';
import { notFound } from '../../services/errors.js';
import { authorise } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { READ, WRITE, errors, guarded, json, jsonBody, openApiApp } from '../openapi/route-kit.js';
import * as R from '../openapi/responses.js';
import { caseState, fullCase } from '../presenters/case.js';
import { parseOrThrow } from '../problems.js';
import { ACTION_SEGMENTS, actionSpec } from '../schemas/actions.js';
import { caseNumberPath, idempotencyHeader } from '../schemas/cases.js';

const tags = ['Handläggare'];

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
    responses: { 200: json('Ärendets nya läge.', R.ActionState), ...errors(400, 401, 403, 404, 409, 415) },
  });
  app.openapi(act, async (c) => {
    const { caseNumber, action } = c.req.valid('param');
    const spec = actionSpec(action);
    if (!spec) throw notFound('Åtgärden finns inte.');
    const input = parseOrThrow(spec.body, c.req.valid('json'));
    const view = await runStaffAction(deps, c.get('principal'), caseNumber, spec.action, input, c.req.valid('header')['idempotency-key']);
    return c.json(caseState(view), 200);
  });
  return app;
}
