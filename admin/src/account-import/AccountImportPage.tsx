import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  CircularProgress,
  FormControlLabel,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { HttpError, Title, useDataProvider } from 'react-admin';
import type { KundportalDataProvider } from '../providers/dataProvider';
import type { ImportCounts, ImportLineReport, ImportReport } from './types';

const OUTCOME_TEXT: Record<ImportLineReport['outcome'], string> = {
  created: 'Ny',
  updated: 'Ändras',
  unchanged: 'Oförändrad',
  rejected: 'Fel',
};
const FILE_TEXT: Record<ImportLineReport['file'], string> = { accounts: 'Konton', cases: 'Ärenden' };

type Field = 'accounts' | 'cases';

/** The server's message for one file (a 400 names it), or for the whole request. */
function errorsOf(error: unknown): { fields: Partial<Record<Field, string>>; other?: string } {
  if (!(error instanceof HttpError)) return { fields: {}, other: 'Importen gick inte att göra. Försök igen om en stund.' };
  const errors = (error.body as { errors?: Record<string, string> } | undefined)?.errors ?? {};
  const fields = { accounts: errors.accounts, cases: errors.cases };
  return fields.accounts || fields.cases ? { fields } : { fields: {}, other: error.message };
}

const CountsTable = ({ report }: { report: ImportReport }) => {
  const row = (label: string, c: ImportCounts) => (
    <TableRow>
      <TableCell component="th" scope="row">{label}</TableCell>
      {[c.created, c.updated, c.unchanged, c.rejected].map((n, i) => (
        <TableCell key={i} align="right">{n.toLocaleString('sv-SE')}</TableCell>
      ))}
    </TableRow>
  );
  return (
    <TableContainer>
      <Table size="small" aria-labelledby="import-counts-heading">
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">Fil</TableCell>
            {['Nya', 'Ändras', 'Oförändrade', 'Med fel'].map((h) => (
              <TableCell key={h} component="th" scope="col" align="right">{h}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {row('Konton', report.accounts)}
          {row('Tidigare ärenden', report.cases)}
        </TableBody>
      </Table>
    </TableContainer>
  );
};

/** Every line that is not left as it was, and any with a note: the administrator's worklist. */
const LinesTable = ({ lines }: { lines: ImportLineReport[] }) => (
  <TableContainer tabIndex={0} role="region" aria-labelledby="import-lines-heading">
    <Table size="small" aria-labelledby="import-lines-heading">
      <TableHead>
        <TableRow>
          {['Fil', 'Rad', 'E-post eller ärendenummer', 'Utfall', 'Skäl eller ändring'].map((h) => (
            <TableCell key={h} component="th" scope="col">{h}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {lines.map((l) => (
          <TableRow key={`${l.file}:${l.line}`}>
            <TableCell>{FILE_TEXT[l.file]}</TableCell>
            <TableCell component="th" scope="row">{l.line}</TableCell>
            <TableCell>{l.key || '–'}</TableCell>
            <TableCell sx={l.outcome === 'rejected' ? { color: 'error.main', fontWeight: 600 } : undefined}>{OUTCOME_TEXT[l.outcome]}</TableCell>
            <TableCell>{[...(l.changes.length > 0 ? [`Ändrat: ${l.changes.join(', ')}`] : []), ...l.reasons].join('. ') || '–'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  </TableContainer>
);

const ReportView = ({ report }: { report: ImportReport }) => {
  const rejected = report.accounts.rejected + report.cases.rejected;
  const lines = report.lines.filter((l) => l.outcome !== 'unchanged' || l.reasons.length > 0);
  const severity = report.written ? 'success' : rejected > 0 && !report.skipBadLines ? 'warning' : 'info';
  return (
    <Card component="section" aria-labelledby="import-report-heading">
      <CardContent sx={{ display: 'grid', gap: 2 }}>
        <Typography id="import-report-heading" component="h2" variant="h6">
          {report.dryRun ? 'Provkörningens resultat' : report.written ? 'Importen är klar' : 'Ingenting importerades'}
        </Typography>
        <Alert severity={severity}>{report.summary}</Alert>
        <Typography id="import-counts-heading" component="h3" variant="subtitle1" sx={{ fontWeight: 600 }}>
          Antal rader
        </Typography>
        <CountsTable report={report} />
        {lines.length > 0 && (
          <>
            <Typography id="import-lines-heading" component="h3" variant="subtitle1" sx={{ fontWeight: 600 }}>
              Rader som ändras eller har fel
            </Typography>
            <LinesTable lines={lines} />
          </>
        )}
      </CardContent>
    </Card>
  );
};

/**
 * Moving in from an earlier customer portal: the administrator picks the files, sees a dry run's
 * report, and then imports what the dry run showed. Changing a file or the choice asks for a new dry run.
 */
export const AccountImportPage = () => {
  const dataProvider = useDataProvider<KundportalDataProvider>();
  const [accounts, setAccounts] = useState<File | undefined>();
  const [cases, setCases] = useState<File | undefined>();
  const [skipBadLines, setSkipBadLines] = useState(false);
  const [report, setReport] = useState<ImportReport | undefined>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);
  const changed = () => {
    setReport(undefined);
    setError(undefined);
  };
  const dryRunDone = report?.dryRun === true;

  async function run(dryRun: boolean) {
    if (!accounts) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const body = { accounts: await accounts.text(), ...(cases ? { cases: await cases.text() } : {}), dryRun, skipBadLines };
      setReport((await dataProvider.importAccounts(body)).data);
    } catch (e) {
      setReport(undefined);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const { fields, other } = error ? errorsOf(error) : { fields: {} as Partial<Record<Field, string>>, other: undefined };
  const accountsError = fields.accounts ?? (missing && !accounts ? 'Välj filen med konton' : undefined);
  return (
    <Box sx={{ mt: 2, display: 'grid', gap: 2 }}>
      <Title title="Flytta in från en tidigare kundportal" />
      <Card component="section" aria-labelledby="import-files-heading">
        <CardContent sx={{ display: 'grid', gap: 2 }}>
          <Typography id="import-files-heading" component="h2" variant="h6">
            Filer från den tidigare kundportalen
          </Typography>
          <Typography variant="body2">
            Kontona får samma roller som i den tidigare kundportalen och väntar på verifiering tills personen loggar in med
            e-legitimation och verifierar sitt konto. Tidigare ärenden flyttas in som avslutade, med sina ursprungliga
            ärendenummer och datum, och går bara att läsa. Samma fil kan importeras flera gånger: det som redan finns ändras
            inte.
          </Typography>
          <TextField
            id="import-accounts"
            type="file"
            label="Fil med konton (CSV)"
            required
            onChange={(e) => {
              setAccounts((e.target as HTMLInputElement).files?.[0]);
              changed();
            }}
            error={!!accountsError}
            helperText={accountsError ?? 'Kolumner: namn, e-post, organisationsnummer, organisationsnamn, enhet, roller (får beställa, lokal administratör)'}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { accept: '.csv,text/csv' } }}
          />
          <TextField
            id="import-cases"
            type="file"
            label="Fil med tidigare ärenden (CSV, valfri)"
            onChange={(e) => {
              setCases((e.target as HTMLInputElement).files?.[0]);
              changed();
            }}
            error={!!fields.cases}
            helperText={fields.cases ?? 'Kolumner: ärendenummer, e-post, typ, rubrik, beskrivning, skapad, avslutad, lösning'}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { accept: '.csv,text/csv' } }}
          />
          <FormControlLabel
            control={
              <Checkbox
                checked={skipBadLines}
                onChange={(e) => {
                  setSkipBadLines(e.target.checked);
                  changed();
                }}
              />
            }
            label="Hoppa över felaktiga rader"
          />
          <Typography variant="body2" color="text.secondary">
            Utan det importeras ingenting om någon rad har fel.
          </Typography>
          <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
            <Button variant={dryRunDone ? 'outlined' : 'contained'} onClick={() => run(true)} disabled={busy}>
              Provkör
            </Button>
            <Button variant="contained" onClick={() => run(false)} disabled={busy || !dryRunDone}>
              Importera
            </Button>
            {busy && <CircularProgress size={24} aria-label="Arbetar" />}
            {!dryRunDone && !busy && (
              <Typography variant="body2" color="text.secondary">
                Provkör först: importen visar då vad som skulle ändras, utan att spara något.
              </Typography>
            )}
          </Box>
        </CardContent>
      </Card>
      <Box aria-live="polite">
        {other && <Alert severity="error">{other}</Alert>}
        {report && <ReportView report={report} />}
      </Box>
    </Box>
  );
};
