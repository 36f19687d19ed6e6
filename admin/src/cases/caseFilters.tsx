import {
  ReferenceInput,
  SearchInput,
  SelectInput,
} from 'react-admin';
import { caseTypeChoices, statusChoices } from '../labels';
import type { QueueName } from '../types';
import { OrganisationFilterInput } from '../common/OrganisationFilterInput';

export const SEARCH_PLACEHOLDER = 'Sök ärendenummer, rubrik eller organisation';

/** The filters of a queue; status and handläggare only where the queue leaves them open. */
export function caseFilters(queue: QueueName) {
  const filters = [
    <SearchInput
      key="q"
      source="q"
      alwaysOn
      placeholder={SEARCH_PLACEHOLDER}
      slotProps={{ htmlInput: { 'aria-label': SEARCH_PLACEHOLDER } }}
      sx={{ width: 420, maxWidth: '100%' }}
    />,
    <SelectInput key="type" source="type" label="Ärendetyp" choices={caseTypeChoices} alwaysOn emptyText="Alla" />,
    <OrganisationFilterInput key="organisationId" source="organisationId" alwaysOn minWidth={240} />,
  ];
  if (queue !== 'new' && queue !== 'mine') {
    filters.push(
      <ReferenceInput key="assigneeId" source="assigneeId" reference="staff" sort={{ field: 'name', order: 'ASC' }} alwaysOn>
        <SelectInput label="Handläggare" optionText="name" emptyText="Alla" />
      </ReferenceInput>,
    );
  }
  if (queue === 'open' || queue === 'mine' || queue === 'undelivered') {
    filters.push(
      <SelectInput
        key="status"
        source="status"
        label="Status"
        choices={statusChoices.filter((s) => s.id !== 'closed')}
        alwaysOn
        emptyText="Alla"
      />,
    );
  }
  return filters;
}
