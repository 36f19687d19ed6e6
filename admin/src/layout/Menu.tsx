import AllInboxIcon from '@mui/icons-material/AllInbox';
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import HourglassEmptyIcon from '@mui/icons-material/HourglassEmpty';
import MoveToInboxIcon from '@mui/icons-material/MoveToInbox';
import PersonIcon from '@mui/icons-material/Person';
import CancelScheduleSendIcon from '@mui/icons-material/CancelScheduleSendOutlined';
import AlarmIcon from '@mui/icons-material/AlarmOutlined';
import { Box, Divider, Typography } from '@mui/material';
import type { ReactElement } from 'react';
import { Menu as RaMenu, useSidebarState, useTranslate } from 'react-admin';
import { QUEUE_NAMES } from '../../../domain/labels';
import { queuePath, queueText } from '../cases/queues';
import { useQueueCounts } from '../common/queueCounts';
import { VisuallyHidden } from '../common/VisuallyHidden';
import type { QueueCounts, QueueName } from '../types';

const QUEUE_ICONS: Record<QueueName, ReactElement> = {
  new: <MoveToInboxIcon />,
  mine: <PersonIcon />,
  awaiting: <HourglassEmptyIcon />,
  open: <AllInboxIcon />,
  closed: <CheckCircleOutlineIcon />,
  undelivered: <CancelScheduleSendIcon />,
  overdue: <AlarmIcon />,
};

/** "12", or "10 000+" when the API stopped counting. */
const formatCount = (counts: QueueCounts, queue: QueueName) =>
  `${counts[queue].toLocaleString('sv-SE')}${counts[`${queue}Capped`] ? '+' : ''}`;

/** Queue name and count; screen readers hear "Nya 3 ärenden". */
const QueueText = ({ queue, counts }: { queue: QueueName; counts: QueueCounts | undefined }) => {
  const translate = useTranslate();
  return (
    <Box component="span" sx={{ display: 'flex', width: '100%' }}>
      <span>{translate(queueText(queue, 'name'))}</span>{' '}
      {counts && (
        <Box component="span" sx={{ ml: 'auto', pl: 1, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
          {formatCount(counts, queue)}{' '}
          {/* The space stays outside: accessible-name algorithms trim text inside elements. */}
          <VisuallyHidden>{translate('kundportal.menu.cases', { smart_count: counts[queue] })}</VisuallyHidden>
        </Box>
      )}
    </Box>
  );
};

// Group headings sit outside the menus: a role="menu" list may hold menu items only.
const GroupHeading = ({ id, text }: { id: string; text: string }) => {
  const [open] = useSidebarState();
  const translate = useTranslate();
  return (
    <Typography
      id={id}
      component="h2"
      variant="overline"
      sx={{ display: open ? 'block' : 'none', px: 2, pt: 1.5, color: 'text.secondary', lineHeight: 2 }}
    >
      {translate(text)}
    </Typography>
  );
};

export const Menu = () => {
  const counts = useQueueCounts();
  const translate = useTranslate();
  return (
    <Box component="nav" aria-label={translate('kundportal.menu.label')}>
      <GroupHeading id="menu-queues" text="kundportal.menu.queues" />
      <RaMenu aria-labelledby="menu-queues" sx={{ mt: 0 }}>
        {QUEUE_NAMES.map((queue) => (
          <RaMenu.Item
            key={queue}
            to={queuePath(queue)}
            primaryText={<QueueText queue={queue} counts={counts} />}
            leftIcon={QUEUE_ICONS[queue]}
          />
        ))}
      </RaMenu>
      <Divider sx={{ my: 1 }} />
      <GroupHeading id="menu-registers" text="kundportal.menu.registers" />
      {/* Each register under its plural name from i18n/sv.ts, with its resource's icon. */}
      <RaMenu aria-labelledby="menu-registers" sx={{ mt: 0 }}>
        <RaMenu.ResourceItem name="organisations" />
        <RaMenu.ResourceItem name="accounts" />
        <RaMenu.ResourceItem name="staff" />
        <RaMenu.ResourceItem name="service-levels" />
        <RaMenu.ResourceItem name="service-level-report" />
        <RaMenu.ResourceItem name="account-import" />
      </RaMenu>
    </Box>
  );
};
