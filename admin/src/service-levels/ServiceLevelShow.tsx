import { Card, CardContent, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { EditButton, Show, TopToolbar, useRecordContext } from 'react-admin';
import { Facts } from '../common/Facts';
import { formatStockholm } from '../common/dates';
import type { ServiceLevelTargets } from '../types';
import { businessTime, days } from './texts';

const Title = () => {
  const record = useRecordContext<ServiceLevelTargets>();
  return <>{record ? `Servicenivå: ${record.typeLabel}` : 'Servicenivå'}</>;
};

/** Every revision, newest first: what applied when, and who changed it. */
const History = ({ history }: { history: NonNullable<ServiceLevelTargets['history']> }) => (
  <Card component="section" aria-labelledby="history-heading" sx={{ mt: 2 }}>
    <CardContent>
      <Typography id="history-heading" component="h2" variant="h6" gutterBottom>
        Historik
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>Gäller från</TableCell>
            <TableCell>Ändrad av</TableCell>
            <TableCell>Första svar</TableCell>
            <TableCell>Lösning</TableCell>
            <TableCell>Påminnelse</TableCell>
            <TableCell>Stängs automatiskt</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {history.map((h) => (
            <TableRow key={h.revision}>
              <TableCell>{h.changedAt ? formatStockholm(h.changedAt) : '–'}</TableCell>
              <TableCell>{h.changedByName ?? (h.changedAt ? 'Standardvärden' : '–')}</TableCell>
              <TableCell>{businessTime(h.firstResponseMinutes)}</TableCell>
              <TableCell>{businessTime(h.resolutionMinutes)}</TableCell>
              <TableCell>{days(h.reminderAfterDays)}</TableCell>
              <TableCell>{days(h.autoCloseAfterDays)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </CardContent>
  </Card>
);

const Content = () => {
  const record = useRecordContext<ServiceLevelTargets>();
  if (!record) return null;
  return (
    <>
      <Card component="section" aria-labelledby="targets-heading">
        <CardContent>
          <Typography id="targets-heading" component="h2" variant="h5" gutterBottom>
            {record.typeLabel}
          </Typography>
          <Facts
            items={[
              ['Tid till första svar', businessTime(record.firstResponseMinutes)],
              ['Tid till lösning', businessTime(record.resolutionMinutes)],
              ['Påminnelse till kunden', days(record.reminderAfterDays)],
              ['Stängs automatiskt', days(record.autoCloseAfterDays)],
            ]}
          />
          <Typography variant="body2" sx={{ mt: 2, color: 'text.secondary' }}>
            Tiderna räknas bara när kontoret har öppet. Tiden till lösning står still medan ärendet väntar på kunden.
            Påminnelse och automatisk stängning räknas i arbetsdagar i status Väntar på kund.
          </Typography>
        </CardContent>
      </Card>
      {record.history && record.history.length > 0 && <History history={record.history} />}
    </>
  );
};

// The button hides itself from those authProvider.canAccess does not let edit.
const Actions = () => (
  <TopToolbar>
    <EditButton label="Ändra" />
  </TopToolbar>
);

export const ServiceLevelShow = () => (
  <Show<ServiceLevelTargets> title={<Title />} actions={<Actions />} component="div" emptyWhileLoading>
    <Content />
  </Show>
);
