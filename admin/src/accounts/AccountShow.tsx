import { Card, CardContent, Link as MuiLink, Typography } from '@mui/material';
import { EditButton, Show, TopToolbar, useCreatePath, useRecordContext } from 'react-admin';
import { Link } from 'react-router-dom';
import { Facts } from '../common/Facts';
import { formatStockholm } from '../common/dates';
import type { Account } from '../types';
import { AWAITING_VERIFICATION } from './verification';

const AccountTitle = () => {
  const record = useRecordContext<Account>();
  return <>{record ? `Kundkonto: ${record.name}` : 'Kundkonto'}</>;
};

// The button hides itself from those authProvider.canAccess does not let edit.
const AccountActions = () => (
  <TopToolbar>
    <EditButton label="Ändra behörigheter" />
  </TopToolbar>
);

const AccountShowContent = () => {
  const record = useRecordContext<Account>();
  const createPath = useCreatePath();
  if (!record) return null;
  return (
    <Card component="section" aria-labelledby="account-heading">
      <CardContent>
        <Typography id="account-heading" component="h2" variant="h5" gutterBottom>
          {record.name}
        </Typography>
        <Facts
          items={[
            ['E-post', record.email],
            ['Personnummer', record.personnummer ?? AWAITING_VERIFICATION],
            [
              'Organisation',
              <MuiLink component={Link} to={createPath({ resource: 'organisations', id: record.organisationId, type: 'show' })}>
                {record.organisationName}
              </MuiLink>,
            ],
            ['Enhet', record.unitName],
            ['Får beställa', record.canOrder ? 'Ja' : 'Nej'],
            ['Lokal administratör', record.isLocalAdmin ? 'Ja' : 'Nej'],
            ['E-postbesked', record.notifyByEmail ? 'Ja' : 'Nej'],
            ['Skapat', formatStockholm(record.createdAt)],
            ...(record.importedAt ? [['Flyttat in från tidigare kundportal', formatStockholm(record.importedAt)] as [string, string]] : []),
          ]}
        />
      </CardContent>
    </Card>
  );
};

export const AccountShow = () => (
  <Show<Account> title={<AccountTitle />} actions={<AccountActions />} component="div" emptyWhileLoading>
    <AccountShowContent />
  </Show>
);
