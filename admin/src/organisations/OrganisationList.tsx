import { Chip } from '@mui/material';
import { DataTable, List, SearchInput, SelectInput } from 'react-admin';
import { StockholmDateField } from '../common/StockholmDateField';
import type { Organisation } from '../types';

const SEARCH = 'Sök namn eller organisationsnummer';

const organisationFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder={SEARCH} slotProps={{ htmlInput: { 'aria-label': SEARCH } }} sx={{ width: 340, maxWidth: '100%' }} />,
  <SelectInput
    key="verified"
    source="verified"
    label="Verifiering"
    alwaysOn
    emptyText="Alla"
    choices={[
      { id: 'false', name: 'Overifierade' },
      { id: 'true', name: 'Verifierade' },
    ]}
    // The API filters on a boolean; the select works with strings.
    format={(value: boolean | undefined | null) => (value === undefined || value === null ? '' : String(value))}
    parse={(value: string) => (value === '' ? undefined : value === 'true')}
  />,
];

export const VerifiedChip = ({ verified }: { verified: boolean }) =>
  verified ? (
    <Chip size="small" label="Verifierad" variant="outlined" sx={{ color: '#1e4620', borderColor: '#1e4620', bgcolor: '#e6f4e7', fontWeight: 600 }} />
  ) : (
    <Chip size="small" label="Overifierad" variant="outlined" sx={{ color: '#6b3200', borderColor: '#6b3200', bgcolor: '#fff0db', fontWeight: 600 }} />
  );

export const OrganisationList = () => (
  <List<Organisation>
    title="Organisationer"
    filters={organisationFilters}
    sort={{ field: 'createdAt', order: 'DESC' }}
    perPage={25}
    exporter={false}
    empty={false}
  >
    <DataTable<Organisation> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="name" disableSort />
      <DataTable.Col source="organisationsnummer" disableSort />
      <DataTable.Col source="verified" disableSort render={(record) => <VerifiedChip verified={record.verified} />} />
      <DataTable.Col source="memberCount" disableSort />
      <DataTable.Col source="registeredByName" disableSort render={(record) => record.registeredByName ?? '–'} />
      <DataTable.Col source="createdAt" field={StockholmDateField} />
    </DataTable>
  </List>
);
