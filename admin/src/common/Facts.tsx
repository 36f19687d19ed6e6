import { Box } from '@mui/material';
import type { ReactNode } from 'react';

/** Label–value pairs as a definition list: screen readers announce each value with its label. */
export const Facts = ({ items, columns = 1 }: { items: Array<[string, ReactNode]>; columns?: 1 | 2 }) => (
  <Box
    component="dl"
    sx={{
      m: 0,
      display: 'grid',
      gridTemplateColumns: { xs: 'minmax(9rem, max-content) 1fr', md: columns === 2 ? 'repeat(2, minmax(9rem, max-content) 1fr)' : 'minmax(9rem, max-content) 1fr' },
      columnGap: 2,
      rowGap: 1,
      '& dt': { color: 'text.secondary', fontSize: '0.875rem' },
      '& dd': { m: 0, overflowWrap: 'anywhere' },
    }}
  >
    {items.map(([label, value]) => (
      <Box key={label} sx={{ display: 'contents' }}>
        <dt>{label}</dt>
        <dd>{value === null || value === undefined || value === '' ? '–' : value}</dd>
      </Box>
    ))}
  </Box>
);
