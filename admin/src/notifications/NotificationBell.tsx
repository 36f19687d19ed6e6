import NotificationsIcon from '@mui/icons-material/NotificationsOutlined';
import { Badge, IconButton, Tooltip } from '@mui/material';
import { Link } from 'react-router-dom';
import { useUnreadNotifications } from './unread';

const MAX_SHOWN = 99;

/**
 * In the app bar: the staff member's notifications. The accessible name holds the number the badge
 * shows (WCAG 2.5.3); with nothing unread there is no badge at all.
 */
export const NotificationBell = () => {
  const unread = useUnreadNotifications() ?? 0;
  const shown = unread > MAX_SHOWN ? `${MAX_SHOWN}+` : String(unread);
  const label = unread === 0 ? 'Notiser, inga olästa' : `Notiser, ${shown} ${unread === 1 ? 'oläst' : 'olästa'}`;
  return (
    <Tooltip title={label}>
      <IconButton component={Link} to="/notifications" color="inherit" aria-label={label}>
        {unread === 0 ? (
          <NotificationsIcon />
        ) : (
          <Badge badgeContent={shown} color="error">
            <NotificationsIcon />
          </Badge>
        )}
      </IconButton>
    </Tooltip>
  );
};
