import { DateField, type DateFieldProps } from 'react-admin';
import { STOCKHOLM_DATE_TIME } from './dates';

/** A DateField in Swedish format and Stockholm time, whatever the browser's zone. */
export const StockholmDateField = (props: DateFieldProps) => (
  <DateField showTime locales="sv-SE" options={STOCKHOLM_DATE_TIME} {...props} />
);
