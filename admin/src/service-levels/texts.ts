// How targets read in the back office: business time as in the queues, days as days, 0 as never.
import { BUSINESS_DAY_MINUTES, formatBusinessDuration } from '../../../domain/service-levels';

export const businessTime = (minutes: number) => formatBusinessDuration(minutes);

export const days = (n: number) => (n === 0 ? 'Aldrig' : `Efter ${n} ${n === 1 ? 'arbetsdag' : 'arbetsdagar'}`);

export const MINUTES_HELP = `I arbetsminuter: bara när kontoret har öppet räknas. En arbetsdag är ${BUSINESS_DAY_MINUTES} minuter.`;
