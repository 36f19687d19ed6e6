import { Box, Card, CardContent, Typography } from '@mui/material';
import { EditButton, Show, TopToolbar, useRecordContext } from 'react-admin';
import { Facts } from '../common/Facts';
import { formatStockholm } from '../common/dates';
import { ROLE_LABELS } from '../labels';
import type { Staff } from '../types';
import { RoleChip } from './StaffList';

const StaffTitle = () => {
  const record = useRecordContext<Staff>();
  return <>{record ? `Handläggare: ${record.name}` : 'Handläggare'}</>;
};

// The button hides itself from those authProvider.canAccess does not let edit.
const StaffShowActions = () => (
  <TopToolbar>
    <EditButton />
  </TopToolbar>
);

const StaffShowContent = () => {
  const record = useRecordContext<Staff>();
  if (!record) return null;
  return (
    <Card component="section" aria-labelledby="staff-heading">
      <CardContent>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, mb: 2 }}>
          <Typography id="staff-heading" component="h2" variant="h5">
            {record.name}
          </Typography>
          <RoleChip role={record.role} />
        </Box>
        <Facts
          items={[
            ['E-post', record.email],
            ['Roll', ROLE_LABELS[record.role]],
            ['Aktiv', record.active ? 'Ja' : 'Nej'],
            ['Skapad', formatStockholm(record.createdAt)],
          ]}
        />
      </CardContent>
    </Card>
  );
};

export const StaffShow = () => (
  <Show<Staff> title={<StaffTitle />} actions={<StaffShowActions />} component="div" emptyWhileLoading>
    <StaffShowContent />
  </Show>
);
