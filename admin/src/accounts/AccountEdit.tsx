import { Typography } from '@mui/material';
import { BooleanInput, Edit, SaveButton, SimpleForm, Toolbar, useRecordContext } from 'react-admin';
import { AdminOnly } from '../common/admin';
import type { Account } from '../types';

const AccountEditTitle = () => {
  const record = useRecordContext<Account>();
  return <>{record ? `Behörigheter: ${record.name}` : 'Behörigheter'}</>;
};

const Heading = () => {
  const record = useRecordContext<Account>();
  return (
    <Typography component="h2" variant="h6">
      {record?.name} – {record?.organisationName}
    </Typography>
  );
};

export const AccountEdit = () => (
  <AdminOnly action="edit">
    <Edit<Account>
      title={<AccountEditTitle />}
      // Pessimistic: a refusal (403, 400) shows before the page leaves the form.
      mutationMode="pessimistic"
      redirect="show"
      // The API takes only the two roles.
      transform={(data: Account) => ({ canOrder: data.canOrder, isLocalAdmin: data.isLocalAdmin })}
    >
      <SimpleForm toolbar={<Toolbar><SaveButton /></Toolbar>}>
        <Heading />
        <BooleanInput source="canOrder" helperText="Får skicka in beställningar, t.ex. av SITHS-kort." />
        <BooleanInput source="isLocalAdmin" helperText="Får ge andra i organisationen rätt att beställa." />
      </SimpleForm>
    </Edit>
  </AdminOnly>
);
