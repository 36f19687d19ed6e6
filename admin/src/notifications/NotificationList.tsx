import DoneAllIcon from '@mui/icons-material/DoneAll';
import { Box, Button, Typography } from '@mui/material';
import { DataTable, List, TopToolbar, useDataProvider, useNotify } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { formatStockholm } from '../common/dates';
import type { KundportalDataProvider } from '../providers/dataProvider';
import type { StaffNotification } from '../types';
import { useInvalidateNotifications } from './unread';

const ReadAll = () => {
  const dataProvider = useDataProvider<KundportalDataProvider>();
  const invalidate = useInvalidateNotifications();
  const notify = useNotify();
  return (
    <TopToolbar>
      <Button
        startIcon={<DoneAllIcon />}
        onClick={async () => {
          await dataProvider.readNotifications();
          invalidate();
          notify('Alla notiser är markerade som lästa.', { type: 'info' });
        }}
      >
        Markera alla som lästa
      </Button>
    </TopToolbar>
  );
};

const Notice = ({ record }: { record: StaffNotification }) => (
  <Box>
    <Typography component="span" sx={{ display: 'block', fontWeight: record.readAt ? 400 : 600 }}>
      {record.readAt ? '' : 'Oläst: '}
      {record.title}
    </Typography>
    <Typography component="span" variant="body2" sx={{ display: 'block', color: 'text.secondary' }}>
      {record.body}
    </Typography>
  </Box>
);

/** The staff member's own notifications; opening one reads it and shows its case. */
export const NotificationList = () => {
  const dataProvider = useDataProvider<KundportalDataProvider>();
  const invalidate = useInvalidateNotifications();
  const navigate = useNavigate();
  const open = async (record: StaffNotification) => {
    if (!record.readAt) {
      await dataProvider.readNotifications(record.id);
      invalidate();
    }
    navigate(`/cases/${encodeURIComponent(record.caseNumber)}/show`);
  };
  return (
    <List<StaffNotification> title="Notiser" actions={<ReadAll />} exporter={false} perPage={25} empty={<Typography sx={{ p: 3 }}>Du har inga notiser.</Typography>}>
      <DataTable<StaffNotification>
        bulkActionButtons={false}
        rowClick={(_id, _resource, record) => {
          void open(record as unknown as StaffNotification);
          return false;
        }}
      >
        <DataTable.Col<StaffNotification> source="title" disableSort render={(r) => <Notice record={r} />} />
        <DataTable.Col source="caseNumber" disableSort />
        <DataTable.Col<StaffNotification> source="createdAt" disableSort render={(r) => formatStockholm(r.createdAt)} sx={{ whiteSpace: 'nowrap' }} />
      </DataTable>
    </List>
  );
};
