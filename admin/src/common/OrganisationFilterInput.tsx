import { AutocompleteInput, ReferenceInput } from 'react-admin';

/** The organisation filter shared by the case queues and the customer accounts list. `source` and `alwaysOn` are read by react-admin's filter form from this element. */
export const OrganisationFilterInput = ({ minWidth }: { source?: string; alwaysOn?: boolean; minWidth: number }) => (
  <ReferenceInput source="organisationId" reference="organisations" sort={{ field: 'name', order: 'ASC' }}>
    <AutocompleteInput
      label="Organisation"
      optionText="name"
      filterToQuery={(q: string) => ({ q })}
      noOptionsText="Inga organisationer hittades"
      sx={{ minWidth }}
    />
  </ReferenceInput>
);
