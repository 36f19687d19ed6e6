// Back office: the service-level targets of each case type, with their history; administrators only.
// The list has one record per case type (its id is the type's code), as react-admin's simple-rest reads it.
import { Hono } from 'hono';
import { z } from 'zod';
import {
  changeServiceLevelTargets,
  serviceLevelTargetList,
  serviceLevelTargetsOf,
} from '../../../services/service-levels.js';
import { type AuthEnv, authorise } from '../../auth.js';
import type { ApiDeps } from '../../deps.js';
import { readBody } from '../../problems.js';
import { setContentRange } from './list-query.js';

/** About a working year of business minutes, and a year of business days: anything longer is a typo. */
const MAX_MINUTES = 105_000;
const MAX_DAYS = 250;

const minutes = (label: string) =>
  z
    .number({ error: `${label} ska anges i minuter, som ett tal` })
    .int(`${label} ska vara ett helt antal minuter`)
    .min(1, `${label} ska vara minst 1 minut`)
    .max(MAX_MINUTES, `${label} får vara högst ${MAX_MINUTES.toLocaleString('sv-SE')} minuter`);
const days = (label: string) =>
  z
    .number({ error: `${label} ska anges i dagar, som ett tal` })
    .int(`${label} ska vara ett helt antal dagar`)
    .min(0, `${label} får inte vara negativ (0 betyder aldrig)`)
    .max(MAX_DAYS, `${label} får vara högst ${MAX_DAYS} dagar`);

// react-admin's update sends the whole record: fields other than these are ignored.
const targetsSchema = z
  .object({
    firstResponseMinutes: minutes('Tid till första svar'),
    resolutionMinutes: minutes('Tid till lösning'),
    reminderAfterDays: days('Påminnelse efter'),
    autoCloseAfterDays: days('Automatisk stängning efter'),
  })
  .superRefine((t, ctx) => {
    if (t.resolutionMinutes < t.firstResponseMinutes) {
      ctx.addIssue({ code: 'custom', path: ['resolutionMinutes'], message: 'Tid till lösning får inte vara kortare än tid till första svar' });
    }
    if (t.reminderAfterDays > 0 && t.autoCloseAfterDays > 0 && t.autoCloseAfterDays <= t.reminderAfterDays) {
      ctx.addIssue({ code: 'custom', path: ['autoCloseAfterDays'], message: 'Ärendet kan stängas först efter påminnelsen: ange fler dagar än för påminnelsen, eller 0' });
    }
  });

const present = (r: Awaited<ReturnType<typeof serviceLevelTargetList>>[number]) => ({
  id: r.caseType,
  ...r,
  changedAt: r.changedAt ? r.changedAt.toISOString() : null,
});

export function adminServiceLevels(deps: ApiDeps) {
  const app = new Hono<AuthEnv<'staff'>>();
  app.use('*', authorise(deps.db, 'admin'));

  app.get('/', async (c) => {
    const rows = await serviceLevelTargetList(deps);
    setContentRange(c, 'service-levels', 0, rows.length, rows.length);
    return c.json(rows.map(present));
  });

  app.get('/:caseType', async (c) => {
    const { history, ...current } = await serviceLevelTargetsOf(deps, c.req.param('caseType'));
    return c.json({ ...present(current), history: history.map(present) });
  });

  app.put('/:caseType', async (c) => {
    const values = await readBody(c, targetsSchema);
    const { history, ...current } = await changeServiceLevelTargets(deps, c.get('principal'), c.req.param('caseType'), values);
    return c.json({ ...present(current), history: history.map(present) });
  });

  return app;
}
