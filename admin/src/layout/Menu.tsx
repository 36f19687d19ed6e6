import AllInboxIcon from '@mui/icons-material/AllInbox';
import ApartmentIcon from '@mui/icons-material/Apartment';
import BadgeIcon from '@mui/icons-material/Badge';
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import HourglassEmptyIcon from '@mui/icons-material/HourglassEmpty';
import MoveToInboxIcon from '@mui/icons-material/MoveToInbox';
import PeopleIcon from '@mui/icons-material/People';
import PersonIcon from '@mui/icons-material/Person';
import { Box, Divider, ListSubheader } from '@mui/material';
import type { ReactElement } from 'react';
import { Menu as RaMenu, useSidebarState } from 'react-admin';
import { useQueueCounts } from '../common/queueCounts';
import { QUEUES, queuePath } from '../labels';
import type { QueueName } from '../types';

const QUEUE_ICONS: Record<QueueName, ReactElement> = {
  new: <MoveToInboxIcon />,
  mine: <PersonIcon />,
  awaiting: <HourglassEmptyIcon />,
  open: <AllInboxIcon />,
  closed: <CheckCircleOutlineIcon />,
};

const Count = ({ value }: { value: number | undefined }) =>
  value === undefined ? null : (
    <Box
      component="span"
      sx={{ ml: 'auto', pl: 1, fontWeight: 600, fontVariantNumeric: 'tabular-nums', color: 'text.primary' }}
    >
      {value}
    </Box>
  );

export const Menu = () => {
  const counts = useQueueCounts();
  const [open] = useSidebarState();
  return (
    <Box component="nav" aria-label="Huvudmeny">
      <RaMenu>
        {open && <ListSubheader sx={{ lineHeight: 2.5, bgcolor: 'transparent' }}>Köer</ListSubheader>}
        {QUEUES.map((queue) => (
          <RaMenu.Item
            key={queue.name}
            to={queuePath(queue.name)}
            primaryText={
              <Box component="span" sx={{ display: 'flex', width: '100%' }}>
                <span>{queue.label}</span>
                <Count value={counts?.[queue.name]} />
              </Box>
            }
            // The collapsed menu shows only icons: the tooltip and accessible name keep the count.
            aria-label={counts ? `${queue.label}, ${counts[queue.name]} ärenden` : queue.label}
            leftIcon={QUEUE_ICONS[queue.name]}
          />
        ))}
        <Divider sx={{ my: 1 }} />
        {open && <ListSubheader sx={{ lineHeight: 2.5, bgcolor: 'transparent' }}>Register</ListSubheader>}
        <RaMenu.Item to="/organisations" primaryText="Organisationer" leftIcon={<ApartmentIcon />} />
        <RaMenu.Item to="/accounts" primaryText="Kundkonton" leftIcon={<PeopleIcon />} />
        <RaMenu.Item to="/staff" primaryText="Handläggare" leftIcon={<BadgeIcon />} />
      </RaMenu>
    </Box>
  );
};
