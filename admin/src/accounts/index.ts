import PeopleIcon from '@mui/icons-material/People';
import type { Account } from '../types';
import { AccountEdit } from './AccountEdit';
import { AccountList } from './AccountList';
import { AccountShow } from './AccountShow';

export default {
  list: AccountList,
  show: AccountShow,
  edit: AccountEdit,
  icon: PeopleIcon,
  recordRepresentation: (record: Account) => record.name,
};
