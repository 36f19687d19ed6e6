import NotificationsIcon from '@mui/icons-material/NotificationsOutlined';
import type { StaffNotification } from '../types';
import { NotificationList } from './NotificationList';

export default {
  list: NotificationList,
  icon: NotificationsIcon,
  recordRepresentation: (record: StaffNotification) => record.title,
};
