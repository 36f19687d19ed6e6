import { Chip, type ChipProps } from '@mui/material';
import { STATUS_LABELS } from '../../../domain/labels';
import type { CaseStatus } from '../types';

// Dark text on light tint: every pair has a contrast ratio above 7:1 (WCAG AAA for small text).
const COLOURS: Record<CaseStatus, { color: string; backgroundColor: string; borderColor: string }> = {
  submitted: { color: '#0b3d91', backgroundColor: '#e3efff', borderColor: '#0b3d91' },
  in_progress: { color: '#6b3200', backgroundColor: '#fff0db', borderColor: '#6b3200' },
  awaiting_customer: { color: '#5b1a78', backgroundColor: '#f4e6fb', borderColor: '#5b1a78' },
  closed: { color: '#1e4620', backgroundColor: '#e6f4e7', borderColor: '#1e4620' },
};

export const StatusChip = ({ status, label, ...rest }: { status: CaseStatus; label?: string } & Omit<ChipProps, 'label'>) => (
  <Chip
    size="small"
    variant="outlined"
    label={label ?? STATUS_LABELS[status] ?? status}
    sx={{ fontWeight: 600, ...COLOURS[status] }}
    {...rest}
  />
);

