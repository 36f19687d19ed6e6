import { Chip } from '@mui/material';
import { CreateButton, DataTable, List, TopToolbar } from 'react-admin';
import { BooleanText } from '../common/BooleanText';
import { StockholmDateField } from '../common/StockholmDateField';
import { ROLE_LABELS } from '../labels';
import type { Staff } from '../types';

export const RoleChip = ({ role }: { role: Staff['role'] }) => (
  <Chip
    size="small"
    variant="outlined"
    label={ROLE_LABELS[role] ?? role}
    sx={role === 'admin' ? { color: '#5b1a78', borderColor: '#5b1a78', bgcolor: '#f4e6fb', fontWeight: 600 } : { fontWeight: 600 }}
  />
);

// The button hides itself from those authProvider.canAccess does not let create.
const StaffListActions = () => (
  <TopToolbar>
    <CreateButton label="Ny handläggare" />
  </TopToolbar>
);

export const StaffList = () => (
  <List<Staff> title="Handläggare" actions={<StaffListActions />} sort={{ field: 'name', order: 'ASC' }} perPage={50} exporter={false} empty={false}>
    <DataTable<Staff> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="name" disableSort />
      <DataTable.Col source="email" disableSort />
      <DataTable.Col source="role" disableSort render={(record) => <RoleChip role={record.role} />} />
      <DataTable.Col source="active" disableSort field={BooleanText} />
      <DataTable.Col source="createdAt" disableSort field={StockholmDateField} />
    </DataTable>
  </List>
);
