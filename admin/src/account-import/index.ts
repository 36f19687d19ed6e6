import MoveUpIcon from '@mui/icons-material/MoveUp';
import { AccountImportPage } from './AccountImportPage';

// A resource for its menu entry, name and access rule (administrators only); its one page is the import.
export default {
  list: AccountImportPage,
  icon: MoveUpIcon,
};
