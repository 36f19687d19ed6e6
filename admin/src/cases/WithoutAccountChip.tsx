import { Chip } from '@mui/material';

/** A case sent through "Kontakta oss" without an account: no organisation, answered by e-mail and a signed link. */
export const WithoutAccountChip = () => (
  // Dark text on a light tint, above 7:1 like the status chips.
  <Chip size="small" variant="outlined" label="Utan konto" sx={{ fontWeight: 600, color: '#3d3d3d', backgroundColor: '#f2f2f2', borderColor: '#3d3d3d' }} />
);
