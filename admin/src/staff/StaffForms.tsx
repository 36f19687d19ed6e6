import { BooleanInput, Create, Edit, SaveButton, SelectInput, SimpleForm, TextInput, Toolbar, email, required, useRecordContext } from 'react-admin';
import { AdminOnly } from '../common/admin';
import { roleChoices } from '../labels';
import type { Staff } from '../types';

/** 10 or 12 digits, optional separator, valid check digit (Luhn over the last ten). */
export function validatePersonnummer(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const match = /^(\d{2})?(\d{6})[-+]?(\d{4})$/.exec(value.replace(/\s+/g, ''));
  if (!match) return 'Ange personnummer som ÅÅÅÅMMDD-XXXX';
  const digits = `${match[2]}${match[3]}`;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0 ? undefined : 'Ogiltigt personnummer';
}

const formToolbar = (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

export const StaffCreate = () => (
  <AdminOnly action="create">
    <Create<Staff>
      title="Ny handläggare"
      redirect="show"
      transform={(data: Staff & { personnummer?: string }) => ({
        name: data.name,
        email: data.email,
        role: data.role,
        personnummer: data.personnummer,
      })}
    >
      <SimpleForm toolbar={formToolbar} defaultValues={{ role: 'handler' }}>
        <TextInput source="name" validate={required('Ange namn')} fullWidth />
        <TextInput source="email" type="email" validate={[required('Ange e-post'), email('Ogiltig e-postadress')]} fullWidth />
        <SelectInput source="role" choices={roleChoices} validate={required('Välj en roll')} />
        <TextInput
          source="personnummer"
          validate={[required('Ange personnummer'), validatePersonnummer]}
          helperText="ÅÅÅÅMMDD-XXXX. Används när handläggaren loggar in med e-legitimation."
        />
      </SimpleForm>
    </Create>
  </AdminOnly>
);

const StaffEditTitle = () => {
  const record = useRecordContext<Staff>();
  return <>{record ? `Ändra ${record.name}` : 'Ändra handläggare'}</>;
};

export const StaffEdit = () => (
  <AdminOnly action="edit">
    <Edit<Staff>
      title={<StaffEditTitle />}
      mutationMode="pessimistic"
      redirect="show"
      transform={(data: Staff) => ({ name: data.name, email: data.email, role: data.role, active: data.active })}
    >
      <SimpleForm toolbar={formToolbar}>
        <TextInput source="name" validate={required('Ange namn')} fullWidth />
        <TextInput source="email" type="email" validate={[required('Ange e-post'), email('Ogiltig e-postadress')]} fullWidth />
        <SelectInput source="role" choices={roleChoices} validate={required('Välj en roll')} />
        <BooleanInput source="active" helperText="En inaktiv handläggare kan inte logga in och kan inte tilldelas ärenden." />
      </SimpleForm>
    </Edit>
  </AdminOnly>
);
