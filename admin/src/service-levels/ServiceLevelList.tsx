import { DataTable, List } from 'react-admin';
import { formatStockholm } from '../common/dates';
import type { ServiceLevelTargets } from '../types';
import { businessTime, days } from './texts';

/** One row per case type; each is changed on its own page, where its history is too. */
export const ServiceLevelList = () => (
  <List<ServiceLevelTargets> title="Servicenivåer" actions={false} pagination={false} perPage={100} exporter={false} empty={false}>
    <DataTable<ServiceLevelTargets> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="typeLabel" disableSort />
      <DataTable.Col source="firstResponseMinutes" disableSort render={(r) => businessTime(r.firstResponseMinutes)} />
      <DataTable.Col source="resolutionMinutes" disableSort render={(r) => businessTime(r.resolutionMinutes)} />
      <DataTable.Col source="reminderAfterDays" disableSort render={(r) => days(r.reminderAfterDays)} />
      <DataTable.Col source="autoCloseAfterDays" disableSort render={(r) => days(r.autoCloseAfterDays)} />
      <DataTable.Col
        source="changedAt"
        disableSort
        render={(r) => (r.changedAt ? `${formatStockholm(r.changedAt)}${r.changedByName ? `, ${r.changedByName}` : ''}` : 'Standardvärden')}
      />
    </DataTable>
  </List>
);
