// Back office: moving in from an earlier customer portal. An administrator sends the CSV files' text
// (accounts, and optionally earlier cases), sees the dry run's report, then imports; administrators
// only. Declared with createRoute for its validation, but mounted in the internal back-office API, so
// it stays out of the public OpenAPI document. The format of the files is in the README.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { readAccountCsv, readCaseCsv } from '../../../services/account-import-csv.js';
import { importEarlierAccounts } from '../../../services/account-import.js';
import { type AuthEnv, authorise } from '../../auth.js';
import type { ApiDeps } from '../../deps.js';
import { errors, json, jsonBody, openApiApp } from '../../openapi/route-kit.js';
import { invalidFields } from '../../problems.js';

/** About 20 000 lines of accounts: a larger move is split into several files, or made with the command. */
const MAX_FILE_CHARACTERS = 4_000_000;

const fileText = (label: string) =>
  z
    .string({ error: `${label} saknas` })
    .min(1, `${label} är tom`)
    .max(MAX_FILE_CHARACTERS, `${label} är för stor: dela upp den i flera filer eller använd kommandot npm run import:accounts`);

const importRequest = z.strictObject({
  accounts: fileText('Filen med konton').meta({ description: 'Filen med konton som text (CSV, UTF-8).' }),
  cases: fileText('Filen med ärenden').optional().meta({ description: 'Filen med tidigare ärenden som text (CSV, UTF-8), om någon.' }),
  dryRun: z.boolean({ error: 'Ange om det är en provkörning (true/false)' }).meta({ description: 'Provkörning: visa vad som skulle hända, spara ingenting.' }),
  skipBadLines: z
    .boolean({ error: 'Ange om felaktiga rader ska hoppas över (true/false)' })
    .meta({ description: 'Hoppa över felaktiga rader och importera resten; annars importeras ingenting när en rad har fel.' }),
});

const counts = z.object({ created: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number() });
const importReport = z.object({
  dryRun: z.boolean(),
  skipBadLines: z.boolean(),
  written: z.boolean().meta({ description: 'Sant när importen sparades.' }),
  accounts: counts,
  cases: counts,
  organisationsCreated: z.number(),
  lines: z.array(
    z.object({
      file: z.enum(['accounts', 'cases']),
      line: z.number(),
      key: z.string(),
      outcome: z.enum(['created', 'updated', 'unchanged', 'rejected']),
      reasons: z.array(z.string()),
      changes: z.array(z.string()),
    }),
  ),
  summary: z.string(),
});

export function adminAccountImport(deps: ApiDeps) {
  const app = openApiApp<AuthEnv<'staff'>>();
  app.use('*', authorise(deps.db, 'admin'));

  const run = createRoute({
    method: 'post',
    path: '/',
    summary: 'Flytta in konton och ärenden från en tidigare kundportal',
    description:
      'Läser filerna, kontrollerar varje rad och importerar i en transaktion. Samma fil två gånger ändrar ingenting. En provkörning sparar ingenting; en rad med fel stoppar hela importen om inte felaktiga rader hoppas över.',
    request: { body: jsonBody(importRequest) },
    responses: { 200: json('Rapporten: antal och varje rad med utfall och skäl.', importReport), ...errors(400, 401, 403, 415) },
  });
  app.openapi(run, async (c) => {
    const body = c.req.valid('json');
    const accounts = readAccountCsv(body.accounts);
    const cases = body.cases === undefined ? undefined : readCaseCsv(body.cases);
    const unreadable = [
      ...(accounts.ok ? [] : [{ field: 'accounts', message: accounts.message }]),
      ...(cases && !cases.ok ? [{ field: 'cases', message: cases.message }] : []),
    ];
    if (unreadable.length > 0) throw invalidFields('Filen går inte att importera.', unreadable);
    const report = await importEarlierAccounts(
      deps.db,
      { accounts: accounts.ok ? accounts.lines : [], cases: cases?.ok ? cases.lines : undefined },
      { dryRun: body.dryRun, skipBadLines: body.skipBadLines, staffId: c.get('principal').staffId },
    );
    return c.json(report, 200);
  });

  return app;
}
