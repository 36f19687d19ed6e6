import VerifiedIcon from '@mui/icons-material/Verified';
import { Box, Button, Card, CardContent, List as MuiList, ListItem, Typography } from '@mui/material';
import { useState } from 'react';
import {
  CanAccess,
  Confirm,
  DataTable,
  Pagination,
  ReferenceManyField,
  Show,
  useNotify,
  useRecordContext,
  useUpdate,
} from 'react-admin';
import { BooleanText } from '../common/BooleanText';
import { Facts } from '../common/Facts';
import { formatStockholm } from '../common/dates';
import type { Account, Organisation } from '../types';
import { VerifiedChip } from './OrganisationList';

const OrganisationTitle = () => {
  const record = useRecordContext<Organisation>();
  return <>{record ? record.name : 'Organisation'}</>;
};

/** Administrators verify an organisation; its registering person then becomes its local administrator. */
const VerifyButton = ({ record }: { record: Organisation }) => {
  const [open, setOpen] = useState(false);
  const notify = useNotify();
  const [update, { isPending }] = useUpdate<Organisation>();
  const verify = () =>
    update(
      'organisations',
      { id: record.id, data: { verified: true }, previousData: record },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          setOpen(false);
          notify('Organisationen är verifierad.', { type: 'success' });
        },
        onError: (error) => {
          setOpen(false);
          notify((error as Error).message || 'Organisationen kunde inte verifieras.', { type: 'error' });
        },
      },
    );
  return (
    <>
      <Button variant="contained" startIcon={<VerifiedIcon />} onClick={() => setOpen(true)} disabled={isPending}>
        Verifiera organisationen
      </Button>
      <Confirm
        isOpen={open}
        loading={isPending}
        title="Verifiera organisationen"
        content={`${record.name} (${record.organisationsnummer}) blir verifierad${
          record.registeredByName ? ` och ${record.registeredByName} blir lokal administratör` : ''
        }.`}
        confirm="Verifiera"
        cancel="Avbryt"
        onConfirm={verify}
        onClose={() => setOpen(false)}
      />
    </>
  );
};

const OrganisationShowContent = () => {
  const record = useRecordContext<Organisation>();
  if (!record) return null;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, py: 2 }}>
      <Card component="section" aria-labelledby="org-heading">
        <CardContent>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap', mb: 2 }}>
            <Typography id="org-heading" component="h2" variant="h5">
              {record.name}
            </Typography>
            <VerifiedChip verified={record.verified} />
          </Box>
          <Facts
            columns={2}
            items={[
              ['Organisationsnummer', record.organisationsnummer],
              ['Registrerad av', record.registeredByName],
              ['Registrerad', formatStockholm(record.createdAt)],
              ['Verifierad', record.verifiedAt ? formatStockholm(record.verifiedAt) : 'Nej'],
              ['Användare', record.memberCount],
            ]}
          />
          {!record.verified && (
            // Verifying updates the organisation: for those authProvider.canAccess lets edit it.
            <CanAccess action="edit">
              <Box sx={{ mt: 2 }}>
                <VerifyButton record={record} />
              </Box>
            </CanAccess>
          )}
        </CardContent>
      </Card>
      <Card component="section" aria-labelledby="units-heading">
        <CardContent>
          <Typography id="units-heading" component="h2" variant="h6">
            Enheter
          </Typography>
          {record.units && record.units.length > 0 ? (
            <MuiList dense>
              {record.units.map((unit) => (
                <ListItem key={unit.id}>{unit.name}</ListItem>
              ))}
            </MuiList>
          ) : (
            <Typography sx={{ mt: 1 }}>Organisationen har inga enheter.</Typography>
          )}
        </CardContent>
      </Card>
      <Card component="section" aria-labelledby="members-heading">
        <CardContent>
          <Typography id="members-heading" component="h2" variant="h6" gutterBottom>
            Användare
          </Typography>
          <ReferenceManyField<Organisation, Account>
            reference="accounts"
            target="organisationId"
            sort={{ field: 'name', order: 'ASC' }}
            perPage={25}
            pagination={<Pagination />}
            empty={<Typography>Organisationen har inga användare ännu.</Typography>}
          >
            <DataTable<Account> rowClick="show" bulkActionButtons={false}>
              <DataTable.Col source="name" disableSort />
              <DataTable.Col source="email" disableSort />
              <DataTable.Col source="unitName" disableSort render={(r) => r.unitName ?? '–'} />
              <DataTable.Col source="canOrder" disableSort field={BooleanText} />
              <DataTable.Col source="isLocalAdmin" disableSort field={BooleanText} />
            </DataTable>
          </ReferenceManyField>
        </CardContent>
      </Card>
    </Box>
  );
};

export const OrganisationShow = () => (
  <Show<Organisation> title={<OrganisationTitle />} actions={false} component="div" emptyWhileLoading>
    <OrganisationShowContent />
  </Show>
);
