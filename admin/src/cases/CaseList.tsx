import InboxIcon from '@mui/icons-material/Inbox';
import { Box, Link as MuiLink, Typography } from '@mui/material';
import {
  DataTable,
  List,
  Pagination,
  RefreshButton,
  ResourceContextProvider,
  useCreatePath,
  useParams,
  useStore,
  useTranslate,
} from 'react-admin';
import { useEffect } from 'react';
import { Link, Navigate } from 'react-router-dom';
import { formatAge, formatStockholm } from '../common/dates';
import { StatusChip } from '../common/StatusChip';
import { StockholmDateField } from '../common/StockholmDateField';
import type { CaseListItem, QueueName } from '../types';
import { caseFilters } from './caseFilters';
import { isQueueName, queuePath, queueText } from './queues';
import { TimeLeft } from './ServiceLevels';
import { WithoutAccountChip } from './WithoutAccountChip';

/** Where "Tillbaka till kön" on a case page leads: the queue the handler came from. */
export const LAST_QUEUE_KEY = 'cases.lastQueue';

const QueueEmpty = ({ queue }: { queue: QueueName }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ textAlign: 'center', mt: 8, color: 'text.secondary' }}>
      <InboxIcon sx={{ fontSize: 72, opacity: 0.5 }} aria-hidden />
      <Typography variant="h6" component="p" sx={{ mt: 1, color: 'text.primary' }}>
        {translate(queueText(queue, 'empty'))}
      </Typography>
      <Box sx={{ mt: 2 }}>
        <RefreshButton />
      </Box>
    </Box>
  );
};

const NoMatches = () => (
  <Typography sx={{ p: 3 }} role="status">
    Inga ärenden matchar sökningen eller filtren.
  </Typography>
);

const CaseNumberLink = ({ record }: { record: CaseListItem }) => {
  const createPath = useCreatePath();
  return (
    <MuiLink
      component={Link}
      to={createPath({ resource: 'cases', id: record.id, type: 'show' })}
      // The row click would navigate too; one navigation is enough.
      onClick={(event: React.MouseEvent) => event.stopPropagation()}
      sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}
    >
      {record.caseNumber}
    </MuiLink>
  );
};

const Age = ({ record }: { record: CaseListItem }) => (
  <Box component="span" sx={{ whiteSpace: 'nowrap' }} title={formatStockholm(record.createdAt)}>
    <span>{formatStockholm(record.createdAt)}</span>
    <Box component="span" sx={{ display: 'block', color: 'text.secondary', fontSize: '0.8125rem' }}>
      {formatAge(record.createdAt)}
    </Box>
  </Box>
);

export const CaseQueueList = ({ queue }: { queue: QueueName }) => {
  const [, setLastQueue] = useStore<QueueName>(LAST_QUEUE_KEY, 'new');
  useEffect(() => setLastQueue(queue), [queue, setLastQueue]);
  return (
    <List<CaseListItem>
      resource="cases"
      // An i18n key: react-admin translates the title.
      title={queueText(queue, 'title')}
      filter={{ queue }}
      filters={caseFilters(queue)}
      // Each queue keeps its own filters, sort and page.
      storeKey={`cases.queue.${queue}`}
      // New cases are worked oldest first, overdue ones the most overdue first; elsewhere the latest come first.
      sort={queue === 'overdue' ? { field: 'slaDueAt', order: 'ASC' } : { field: 'createdAt', order: queue === 'new' ? 'ASC' : 'DESC' }}
      perPage={25}
      empty={<QueueEmpty queue={queue} />}
      // The app bar already has the refresh button.
      actions={false}
      pagination={<Pagination rowsPerPageOptions={[10, 25, 50, 100]} />}
    >
      <DataTable<CaseListItem> rowClick="show" bulkActionButtons={false} empty={<NoMatches />}>
        <DataTable.Col<CaseListItem> source="caseNumber" disableSort render={(record) => <CaseNumberLink record={record} />} />
        <DataTable.Col source="subject" disableSort />
        <DataTable.Col source="typeLabel" disableSort />
        <DataTable.Col<CaseListItem> source="organisationName" disableSort render={(record) => (record.withoutAccount ? <WithoutAccountChip /> : record.organisationName)} />
        <DataTable.Col
          source="status"
          disableSort
          render={(record) => <StatusChip status={record.status} label={record.statusLabel} />}
        />
        <DataTable.Col source="assigneeName" disableSort render={(record) => record.assigneeName ?? '–'} />
        <DataTable.Col<CaseListItem> source="slaDueAt" render={(record) => <TimeLeft clocks={record.serviceLevels} />} />
        <DataTable.Col<CaseListItem> source="createdAt" render={(record) => <Age record={record} />} />
        <DataTable.Col source="updatedAt" disableSort field={StockholmDateField} sx={{ whiteSpace: 'nowrap' }} />
      </DataTable>
    </List>
  );
};

/** /queues/:queue — one bookmarkable URL per queue. */
export const CaseQueuePage = () => {
  const { queue } = useParams<{ queue: string }>();
  if (!isQueueName(queue)) return <Navigate to={queuePath('new')} replace />;
  return (
    <ResourceContextProvider value="cases">
      {/* key: a fresh list controller per queue, so one queue's filters never leak into another */}
      <CaseQueueList key={queue} queue={queue} />
    </ResourceContextProvider>
  );
};

/** /cases has no list of its own: the queues are the lists. */
export const CaseListRedirect = () => {
  const [lastQueue] = useStore<QueueName>(LAST_QUEUE_KEY, 'new');
  return <Navigate to={queuePath(lastQueue)} replace />;
};
