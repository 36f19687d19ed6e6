import { DataTable, List, SearchInput } from 'react-admin';
import { BooleanText } from '../common/BooleanText';
import { OrganisationFilterInput } from '../common/OrganisationFilterInput';
import { StockholmDateField } from '../common/StockholmDateField';
import type { Account } from '../types';
import { AWAITING_VERIFICATION } from './verification';

const SEARCH = 'Sök namn eller e-post';

const accountFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder={SEARCH} slotProps={{ htmlInput: { 'aria-label': SEARCH } }} sx={{ minWidth: 280 }} />,
  <OrganisationFilterInput key="organisationId" source="organisationId" alwaysOn minWidth={260} />,
];

export const AccountList = () => (
  <List<Account> title="Kundkonton" filters={accountFilters} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25} exporter={false} empty={false}>
    <DataTable<Account> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="name" disableSort />
      <DataTable.Col source="email" disableSort />
      <DataTable.Col source="personnummer" disableSort render={(r) => r.personnummer ?? AWAITING_VERIFICATION} />
      <DataTable.Col source="organisationName" disableSort />
      <DataTable.Col source="unitName" disableSort render={(r) => r.unitName ?? '–'} />
      <DataTable.Col source="canOrder" disableSort field={BooleanText} />
      <DataTable.Col source="isLocalAdmin" disableSort field={BooleanText} />
      <DataTable.Col source="createdAt" field={StockholmDateField} />
    </DataTable>
  </List>
);
