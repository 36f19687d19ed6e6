// Back office: the service-level report per case type and month, as JSON for the page and as a CSV
// file for Excel; administrators only. Declared with createRoute for its validation, but mounted in
// the internal back-office API, so it stays out of the public OpenAPI document.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { CASE_TYPES } from '../../../domain/index.js';
import { lastTwelveMonths, monthsBetween, shiftMonth, serviceLevelReport, serviceLevelReportCsv } from '../../../services/service-level-report.js';
import { type AuthEnv, authorise } from '../../auth.js';
import type { ApiDeps } from '../../deps.js';
import { errors, json, openApiApp } from '../../openapi/route-kit.js';
import { setContentRange } from './list-query.js';

/** Three years of months at most: enough to compare years, and a bounded answer. */
export const MAX_REPORT_MONTHS = 36;

const month = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, `${label} ska anges som år och månad, till exempel 2026-11`)
    .refine((m) => m >= '2000-01' && m <= '2100-12', `${label} ska vara en månad mellan år 2000 och 2100`)
    .optional();

const periodQuery = z
  .object({
    from: month('Från och med'),
    to: month('Till och med'),
    type: z.enum(CASE_TYPES, 'Okänd ärendetyp').optional(),
  })
  .transform((q, ctx) => {
    const fallback = lastTwelveMonths();
    const to = q.to ?? (q.from && q.from > fallback.to ? q.from : fallback.to);
    const from = q.from ?? (q.to ? shiftMonth(q.to, -11) : fallback.from);
    if (from > to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'Från och med får inte vara efter till och med' });
    else if (monthsBetween(from, to).length > MAX_REPORT_MONTHS) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `Rapporten kan visa högst ${MAX_REPORT_MONTHS} månader åt gången` });
    }
    return { from, to, caseType: q.type };
  });

const clockStats = z.object({
  count: z.number(),
  medianMinutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
  withinTarget: z.number(),
  withinShare: z.number().nullable(),
  breaches: z.number(),
});
const reportRow = z.object({
  id: z.string(),
  month: z.string(),
  caseType: z.enum(CASE_TYPES).nullable(),
  typeLabel: z.string(),
  received: z.number(),
  closed: z.number(),
  firstResponse: clockStats,
  resolution: clockStats,
});

export function adminServiceLevelReport(deps: ApiDeps) {
  const app = openApiApp<AuthEnv<'staff'>>();
  app.use('*', authorise(deps.db, 'admin'));

  const report = createRoute({
    method: 'get',
    path: '/',
    summary: 'Servicenivårapporten',
    description: 'Per månad och ärendetyp (och alla typer tillsammans): inkomna, avslutade, median och 90:e percentil i arbetsminuter, andel inom målet och överskridna.',
    request: { query: periodQuery },
    responses: { 200: json('Rapportens rader, äldsta månaden först.', z.array(reportRow)), ...errors(400, 401, 403) },
  });
  app.openapi(report, async (c) => {
    const rows = await serviceLevelReport(deps, c.req.valid('query'));
    setContentRange(c, 'service-level-report', 0, rows.length, rows.length);
    return c.json(rows, 200);
  });

  const csv = createRoute({
    method: 'get',
    path: '/csv',
    summary: 'Servicenivårapporten som CSV',
    description: 'Samma rader som CSV för Excel: UTF-8 med BOM, semikolon mellan fälten, decimalkomma, svenska rubriker (RFC 4180).',
    request: { query: periodQuery },
    responses: { 200: { description: 'CSV-filen.', content: { 'text/csv': { schema: z.string() } } }, ...errors(400, 401, 403) },
  });
  app.openapi(csv, async (c) => {
    const period = c.req.valid('query');
    const rows = await serviceLevelReport(deps, period);
    const name = `servicenivaer-${period.from}-${period.to}${period.caseType ? `-${period.caseType}` : ''}.csv`;
    return c.body(serviceLevelReportCsv(rows), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
    });
  });

  return app;
}
