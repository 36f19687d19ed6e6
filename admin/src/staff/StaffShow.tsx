import { Box, Card, CardContent, Typography } from '@mui/material';
import { EditButton, Show, TopToolbar, useRecordContext } from 'react-admin';
import { useIsAdmin } from '../common/admin';
import { Facts } from '../common/Facts';
import { formatStockholm } from '../common/dates';
import type { Staff } from '../types';
import { RoleChip } from './StaffList';

const StaffTitle = () => {
  const record = useRecordContext<Staff>();
  return <>{record ? `Handläggare: ${record.name}` : 'Handläggare'}</>;
};

const StaffShowActions = () => {
  const isAdmin = useIsAdmin();
  return <TopToolbar>{isAdmin && <EditButton />}</TopToolbar>;
};

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
            ['Roll', record.role === 'admin' ? 'Administratör' : 'Handläggare'],
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
