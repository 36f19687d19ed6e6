import AllInboxIcon from '@mui/icons-material/AllInbox';
import ApartmentIcon from '@mui/icons-material/Apartment';
import BadgeIcon from '@mui/icons-material/Badge';
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import HourglassEmptyIcon from '@mui/icons-material/HourglassEmpty';
import MoveToInboxIcon from '@mui/icons-material/MoveToInbox';
import PeopleIcon from '@mui/icons-material/People';
import PersonIcon from '@mui/icons-material/Person';
import { Box, Divider, Typography } from '@mui/material';
import type { ReactElement } from 'react';
import { Menu as RaMenu, useSidebarState } from 'react-admin';
import { useQueueCounts } from '../common/queueCounts';
import { VisuallyHidden } from '../common/VisuallyHidden';
import { QUEUES, queuePath } from '../labels';
import type { QueueCounts, QueueName } from '../types';

const QUEUE_ICONS: Record<QueueName, ReactElement> = {
  new: <MoveToInboxIcon />,
  mine: <PersonIcon />,
  awaiting: <HourglassEmptyIcon />,
  open: <AllInboxIcon />,
  closed: <CheckCircleOutlineIcon />,
};

/** "12", or "10 000+" when the API stopped counting. */
const formatCount = (counts: QueueCounts, queue: QueueName) =>
  `${counts[queue].toLocaleString('sv-SE')}${counts[`${queue}Capped`] ? '+' : ''}`;

/** Queue name and count; screen readers hear "Nya 3 ärenden". */
const QueueText = ({ label, count }: { label: string; count: string | undefined }) => (
  <Box component="span" sx={{ display: 'flex', width: '100%' }}>
    <span>{label}</span>{' '}
    {count !== undefined && (
      <Box component="span" sx={{ ml: 'auto', pl: 1, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
        {count}{' '}
        {/* The space stays outside: accessible-name algorithms trim text inside elements. */}
        <VisuallyHidden>{count === '1' ? 'ärende' : 'ärenden'}</VisuallyHidden>
      </Box>
    )}
  </Box>
);

// Group headings sit outside the menus: a role="menu" list may hold menu items only.
const GroupHeading = ({ id, children }: { id: string; children: string }) => {
  const [open] = useSidebarState();
  return (
    <Typography
      id={id}
      component="h2"
      variant="overline"
      sx={{ display: open ? 'block' : 'none', px: 2, pt: 1.5, color: 'text.secondary', lineHeight: 2 }}
    >
      {children}
    </Typography>
  );
};

export const Menu = () => {
  const counts = useQueueCounts();
  return (
    <Box component="nav" aria-label="Huvudmeny">
      <GroupHeading id="menu-queues">Köer</GroupHeading>
      <RaMenu aria-labelledby="menu-queues" sx={{ mt: 0 }}>
        {QUEUES.map((queue) => (
          <RaMenu.Item
            key={queue.name}
            to={queuePath(queue.name)}
            primaryText={<QueueText label={queue.label} count={counts && formatCount(counts, queue.name)} />}
            leftIcon={QUEUE_ICONS[queue.name]}
          />
        ))}
      </RaMenu>
      <Divider sx={{ my: 1 }} />
      <GroupHeading id="menu-registers">Register</GroupHeading>
      <RaMenu aria-labelledby="menu-registers" sx={{ mt: 0 }}>
        <RaMenu.Item to="/organisations" primaryText="Organisationer" leftIcon={<ApartmentIcon />} />
        <RaMenu.Item to="/accounts" primaryText="Kundkonton" leftIcon={<PeopleIcon />} />
        <RaMenu.Item to="/staff" primaryText="Handläggare" leftIcon={<BadgeIcon />} />
      </RaMenu>
    </Box>
  );
};
