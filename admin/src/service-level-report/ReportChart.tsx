import { Box, Typography } from '@mui/material';
import { monthName, percent, shortMonth } from './texts';
import type { ReportRow } from './types';

// Two bars a month: the share of first responses and of resolutions within target. Plain SVG, no chart
// library; the image has a text alternative summing it up, and the table below holds every number.
const COLOURS = { firstResponse: '#1565c0', resolution: '#6a1b9a' } as const;
const NAMES = { firstResponse: 'Första svar inom målet', resolution: 'Lösning inom målet' } as const;
const HEIGHT = 180;
const BAR = 14;
const GAP = 4;
const MONTH_WIDTH = 2 * BAR + GAP + 22;
const LEFT = 44;
const TOP = 8;

const summary = (rows: ReportRow[]) =>
  rows
    .map((r) => `${monthName(r.month)}: första svar ${percent(r.firstResponse.withinShare)}, lösning ${percent(r.resolution.withinShare)}`)
    .join('; ');

export const ReportChart = ({ rows, label }: { rows: ReportRow[]; label: string }) => {
  const width = LEFT + rows.length * MONTH_WIDTH + 8;
  const y = (share: number) => TOP + HEIGHT * (1 - share);
  return (
    <Box component="figure" sx={{ m: 0 }}>
      <Typography component="figcaption" variant="subtitle1" id="report-chart-caption" gutterBottom>
        Andel inom målet per månad: {label}
      </Typography>
      {/* Three years are wider than a window: it scrolls sideways, so it takes the keyboard's focus. */}
      <Box tabIndex={0} role="region" aria-labelledby="report-chart-caption" sx={{ overflowX: 'auto' }}>
        <svg
          role="img"
          aria-labelledby="report-chart-caption report-chart-desc"
          width={width}
          height={HEIGHT + TOP + 28}
          viewBox={`0 0 ${width} ${HEIGHT + TOP + 28}`}
        >
          <desc id="report-chart-desc">{rows.length ? summary(rows) : 'Inga ärenden under perioden.'}</desc>
          {[0, 0.5, 1].map((s) => (
            <g key={s}>
              <line x1={LEFT - 4} x2={width} y1={y(s)} y2={y(s)} stroke="#757575" strokeWidth={s === 0 ? 1 : 0.5} />
              <text x={LEFT - 8} y={y(s) + 4} textAnchor="end" fontSize="12" fill="#212121">
                {s * 100} %
              </text>
            </g>
          ))}
          {rows.map((r, i) => {
            const x = LEFT + i * MONTH_WIDTH + 8;
            return (
              <g key={r.id}>
                {(['firstResponse', 'resolution'] as const).map((clock, k) => {
                  const share = r[clock].withinShare;
                  if (share === null) return null;
                  return (
                    <rect key={clock} x={x + k * (BAR + GAP)} y={y(share)} width={BAR} height={HEIGHT * share} fill={COLOURS[clock]}>
                      <title>{`${monthName(r.month)}, ${NAMES[clock].toLowerCase()}: ${percent(share)}`}</title>
                    </rect>
                  );
                })}
                <text x={x + BAR + GAP / 2} y={HEIGHT + TOP + 18} textAnchor="middle" fontSize="12" fill="#212121">
                  {shortMonth(r.month)}
                </text>
              </g>
            );
          })}
        </svg>
      </Box>
      <Box component="ul" aria-label="Förklaring" sx={{ display: 'flex', gap: 3, listStyle: 'none', p: 0, m: 0, mt: 1 }}>
        {(['firstResponse', 'resolution'] as const).map((clock) => (
          <Box component="li" key={clock} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <Box component="span" aria-hidden sx={{ width: 14, height: 14, bgcolor: COLOURS[clock], display: 'inline-block' }} />
            {NAMES[clock]}
          </Box>
        ))}
      </Box>
    </Box>
  );
};
