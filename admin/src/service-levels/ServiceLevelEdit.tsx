import { Edit, NumberInput, SaveButton, SimpleForm, Toolbar, maxValue, minValue, number, required, useRecordContext } from 'react-admin';
import { AdminOnly } from '../common/admin';
import type { ServiceLevelTargets } from '../types';
import { MINUTES_HELP } from './texts';

const wholeNumber = (value: unknown) => (value === null || value === undefined || value === '' || Number.isInteger(Number(value)) ? undefined : 'Ange ett helt tal');

const minutes = [required('Ange antal minuter'), number('Ange ett tal'), wholeNumber, minValue(1, 'Minst 1 minut'), maxValue(105_000, 'Högst 105 000 minuter')];
const dayCount = [required('Ange antal dagar, 0 för aldrig'), number('Ange ett tal'), wholeNumber, minValue(0, 'Ange 0 eller fler dagar'), maxValue(250, 'Högst 250 dagar')];

const Title = () => {
  const record = useRecordContext<ServiceLevelTargets>();
  return <>{record ? `Ändra servicenivå: ${record.typeLabel}` : 'Ändra servicenivå'}</>;
};

const formToolbar = (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

/** The server checks the same and the rules between fields; its messages land at the field. */
export const ServiceLevelEdit = () => (
  <AdminOnly action="edit">
    <Edit<ServiceLevelTargets>
      title={<Title />}
      mutationMode="pessimistic"
      redirect="show"
      transform={(data: ServiceLevelTargets) => ({
        firstResponseMinutes: data.firstResponseMinutes,
        resolutionMinutes: data.resolutionMinutes,
        reminderAfterDays: data.reminderAfterDays,
        autoCloseAfterDays: data.autoCloseAfterDays,
      })}
    >
      <SimpleForm toolbar={formToolbar}>
        <NumberInput source="firstResponseMinutes" validate={minutes} step={1} helperText={MINUTES_HELP} />
        <NumberInput source="resolutionMinutes" validate={minutes} step={1} helperText={`${MINUTES_HELP} Räknas inte medan ärendet väntar på kunden.`} />
        <NumberInput source="reminderAfterDays" validate={dayCount} step={1} helperText="Arbetsdagar i Väntar på kund innan kunden påminns. 0 betyder aldrig." />
        <NumberInput
          source="autoCloseAfterDays"
          validate={dayCount}
          step={1}
          helperText="Arbetsdagar i Väntar på kund innan ärendet stängs automatiskt. 0 betyder aldrig."
        />
      </SimpleForm>
    </Edit>
  </AdminOnly>
);
