// A case's service-level clocks as the API words them: the time left in a queue row, both clocks on
// the case page. Overdue reads "Försenat …" in words; the colour only repeats it.
import { Box, Card, CardContent, Typography } from '@mui/material';
import { Facts } from '../common/Facts';
import { formatStockholm } from '../common/dates';
import type { CaseClocks, ClockView } from '../types';

const CLOCK_NAMES = { firstResponse: 'Första svar', resolution: 'Lösning' } as const;
/** Dark enough on white for WCAG AA as small text. */
const OVERDUE_COLOUR = '#a4161a';

const isOverdue = (c: ClockView) => c.state === 'running' && (c.remainingMinutes ?? 0) < 0;

/** The running clock due first, or the resolution clock when none runs. */
function nextClock(clocks: CaseClocks): [keyof CaseClocks, ClockView] {
  const running = (['firstResponse', 'resolution'] as const).filter((k) => clocks[k].state === 'running' && clocks[k].dueAt);
  if (running.length === 0) return ['resolution', clocks.resolution];
  return running.reduce<[keyof CaseClocks, ClockView]>(
    (best, k) => (Date.parse(clocks[k].dueAt!) < Date.parse(best[1].dueAt!) ? [k, clocks[k]] : best),
    [running[0]!, clocks[running[0]!]],
  );
}

/** A queue row: "2 h 15 min kvar" over the clock's name. */
export const TimeLeft = ({ clocks }: { clocks: CaseClocks | null | undefined }) => {
  if (!clocks) return <span>–</span>;
  const [name, clock] = nextClock(clocks);
  return (
    <Box component="span" title={clock.dueAt ? `Senast ${formatStockholm(clock.dueAt)}` : undefined}>
      <Box component="span" sx={{ display: 'block', fontWeight: isOverdue(clock) ? 600 : undefined, color: isOverdue(clock) ? OVERDUE_COLOUR : undefined }}>
        {clock.state === 'running' ? clock.text : clock.state === 'paused' ? 'Pausad' : 'Klar'}
      </Box>
      <Box component="span" sx={{ display: 'block', color: 'text.secondary', fontSize: '0.8125rem' }}>
        {CLOCK_NAMES[name]}
      </Box>
    </Box>
  );
};

function clockLine(c: ClockView) {
  const due = c.state === 'running' && c.dueAt ? `, senast ${formatStockholm(c.dueAt)}` : '';
  const verdict = c.state === 'stopped' ? (c.withinTarget ? ', inom målet' : ', över målet') : '';
  return (
    <>
      <Box component="span" sx={{ fontWeight: isOverdue(c) ? 600 : undefined, color: isOverdue(c) ? OVERDUE_COLOUR : undefined }}>
        {c.text}
      </Box>
      <Box component="span" sx={{ color: 'text.secondary' }}>
        {` (mål ${c.target}${due}${verdict})`}
      </Box>
    </>
  );
}

/** The case page: both clocks, in business time. */
export const ServiceLevelCard = ({ clocks }: { clocks: CaseClocks | null | undefined }) => (
  <Card component="section" aria-labelledby="service-levels-heading">
    <CardContent>
      <Typography id="service-levels-heading" component="h2" variant="h6" gutterBottom>
        Servicenivå
      </Typography>
      {clocks ? (
        <Facts
          items={[
            [CLOCK_NAMES.firstResponse, clockLine(clocks.firstResponse)],
            [CLOCK_NAMES.resolution, clockLine(clocks.resolution)],
          ]}
        />
      ) : (
        <Typography variant="body2">Ärendet mäts inte mot någon servicenivå ännu.</Typography>
      )}
      <Typography variant="body2" sx={{ mt: 1, color: 'text.secondary' }}>
        Tiden räknas bara när kontoret har öppet och står still medan ärendet väntar på kunden.
      </Typography>
    </CardContent>
  </Card>
);
