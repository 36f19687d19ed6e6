import BadgeIcon from '@mui/icons-material/Badge';
import type { Staff } from '../types';
import { StaffCreate, StaffEdit } from './StaffForms';
import { StaffList } from './StaffList';
import { StaffShow } from './StaffShow';

export default {
  list: StaffList,
  show: StaffShow,
  create: StaffCreate,
  edit: StaffEdit,
  icon: BadgeIcon,
  recordRepresentation: (record: Staff) => record.name,
};
