import DownloadIcon from '@mui/icons-material/Download';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CircularProgress,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { HttpError, Title, useDataProvider } from 'react-admin';
import { CASE_TYPE_LABELS } from '../../../domain/labels';
import { API_URL, type KundportalDataProvider } from '../providers/dataProvider';
import type { CaseTypeCode } from '../types';
import { ReportChart } from './ReportChart';
import { hours, monthName, percent, shiftMonth, stockholmMonth } from './texts';
import type { ClockStats, ReportPeriod, ReportRow } from './types';

const ALL = '';
const CASE_TYPES = Object.keys(CASE_TYPE_LABELS) as CaseTypeCode[];

/** The CSV of the same period: a plain link, so the browser downloads it with the session cookie. */
export const csvUrl = (p: ReportPeriod) =>
  `${API_URL}/service-level-report/csv?${new URLSearchParams({ from: p.from, to: p.to, ...(p.type ? { type: p.type } : {}) })}`;

const fieldError = (error: unknown, field: string): string | undefined => {
  if (!(error instanceof HttpError)) return undefined;
  const errors = (error.body as { errors?: Record<string, string> } | undefined)?.errors;
  return errors?.[field];
};

const clockCells = (s: ClockStats) => (
  <>
    <TableCell align="right">{s.count.toLocaleString('sv-SE')}</TableCell>
    <TableCell align="right">{hours(s.medianMinutes)}</TableCell>
    <TableCell align="right">{hours(s.p90Minutes)}</TableCell>
    <TableCell align="right">{percent(s.withinShare)}</TableCell>
    <TableCell align="right">{s.breaches.toLocaleString('sv-SE')}</TableCell>
  </>
);

const CLOCK_COLUMNS = ['Antal', 'Median', '90:e percentilen', 'Inom målet', 'Överskridna'];

const ReportTable = ({ rows }: { rows: ReportRow[] }) => (
  // Wider than a narrow window: it scrolls sideways, so it takes the keyboard's focus (arrow keys scroll it).
  <TableContainer tabIndex={0} role="region" aria-labelledby="report-table-heading">
    <Table size="small" aria-labelledby="report-table-heading">
      <TableHead>
        <TableRow>
          <TableCell component="th" scope="col" rowSpan={2}>Månad</TableCell>
          <TableCell component="th" scope="col" rowSpan={2}>Ärendetyp</TableCell>
          <TableCell component="th" scope="col" rowSpan={2} align="right">Inkomna</TableCell>
          <TableCell component="th" scope="col" rowSpan={2} align="right">Avslutade</TableCell>
          <TableCell component="th" scope="colgroup" colSpan={5} align="center">Tid till första svar</TableCell>
          <TableCell component="th" scope="colgroup" colSpan={5} align="center">Tid till lösning</TableCell>
        </TableRow>
        <TableRow>
          {[...CLOCK_COLUMNS, ...CLOCK_COLUMNS].map((c, i) => (
            <TableCell key={i} component="th" scope="col" align="right">{c}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.id} sx={r.caseType === null ? { '& td, & th': { fontWeight: 600 } } : undefined}>
            <TableCell component="th" scope="row">{monthName(r.month)}</TableCell>
            <TableCell>{r.typeLabel}</TableCell>
            <TableCell align="right">{r.received.toLocaleString('sv-SE')}</TableCell>
            <TableCell align="right">{r.closed.toLocaleString('sv-SE')}</TableCell>
            {clockCells(r.firstResponse)}
            {clockCells(r.resolution)}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  </TableContainer>
);

/** The service-level report: a period and a type, the chart, the table and the CSV of the same. */
export const ServiceLevelReportPage = () => {
  const dataProvider = useDataProvider<KundportalDataProvider>();
  const thisMonth = stockholmMonth(new Date());
  const [period, setPeriod] = useState<ReportPeriod>({ from: shiftMonth(thisMonth, -11), to: thisMonth });
  const { data, error, isPending } = useQuery({
    queryKey: ['service-level-report', period],
    queryFn: () => dataProvider.serviceLevelReport(period).then((r) => r.data),
    retry: false,
  });
  const label = period.type ? CASE_TYPE_LABELS[period.type] : 'alla ärendetyper';
  const chartRows = (data ?? []).filter((r) => r.caseType === (period.type ?? null));
  const otherError = error && !fieldError(error, 'from') && !fieldError(error, 'to') && !fieldError(error, 'type');

  return (
    <Box sx={{ mt: 2, display: 'grid', gap: 2 }}>
      <Title title="Servicenivårapport" />
      <Card component="section" aria-labelledby="report-period-heading">
        <CardContent>
          <Typography id="report-period-heading" component="h2" variant="h6" gutterBottom>
            Period och ärendetyp
          </Typography>
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'flex-start' }}>
            <TextField
              id="report-from"
              label="Från och med"
              type="month"
              value={period.from}
              onChange={(e) => e.target.value && setPeriod({ ...period, from: e.target.value })}
              error={!!fieldError(error, 'from')}
              helperText={fieldError(error, 'from') ?? 'År och månad, t.ex. 2026-01'}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <TextField
              id="report-to"
              label="Till och med"
              type="month"
              value={period.to}
              onChange={(e) => e.target.value && setPeriod({ ...period, to: e.target.value })}
              error={!!fieldError(error, 'to')}
              helperText={fieldError(error, 'to') ?? 'Högst 36 månader'}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <TextField
              id="report-type"
              select
              label="Ärendetyp"
              value={period.type ?? ALL}
              onChange={(e) => setPeriod({ ...period, type: (e.target.value || undefined) as CaseTypeCode | undefined })}
              slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
            >
              <option value={ALL}>Alla ärendetyper</option>
              {CASE_TYPES.map((t) => (
                <option key={t} value={t}>{CASE_TYPE_LABELS[t]}</option>
              ))}
            </TextField>
            <Button variant="outlined" href={csvUrl(period)} download startIcon={<DownloadIcon />} sx={{ mt: 1 }}>
              Ladda ner som CSV
            </Button>
          </Box>
          <Typography variant="body2" sx={{ mt: 2, color: 'text.secondary' }}>
            Tiderna är arbetstimmar: bara tid när kontoret har öppet räknas, och tiden till lösning står still medan
            ärendet väntar på kunden. Ett ärende räknas som inkommet den månad det skickades in, första svaret den
            månad det gavs och lösningen den månad ärendet avslutades. Överskridna är ärenden där tiden gick över
            målet som gällde för ärendet. CSV-filen öppnas direkt i Excel med svenska inställningar.
          </Typography>
        </CardContent>
      </Card>
      {otherError && <Alert severity="error">{(error as Error).message}</Alert>}
      {isPending && !error && <CircularProgress aria-label="Rapporten hämtas" />}
      {data && (
        <>
          <Card component="section" aria-labelledby="report-chart-heading">
            <CardContent>
              <Typography id="report-chart-heading" component="h2" variant="h6" gutterBottom>
                Diagram
              </Typography>
              <ReportChart rows={chartRows} label={label} />
            </CardContent>
          </Card>
          <Card component="section" aria-labelledby="report-table-heading">
            <CardContent>
              <Typography id="report-table-heading" component="h2" variant="h6" gutterBottom>
                Per månad och ärendetyp
              </Typography>
              <ReportTable rows={data} />
            </CardContent>
          </Card>
        </>
      )}
    </Box>
  );
};
