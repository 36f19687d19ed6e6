import AssignmentIcon from '@mui/icons-material/Assignment';
import type { CaseListItem } from '../types';
import { CaseListRedirect } from './CaseList';
import { CaseShow } from './CaseShow';

export default {
  list: CaseListRedirect,
  show: CaseShow,
  icon: AssignmentIcon,
  recordRepresentation: (record: CaseListItem) => record.caseNumber,
};
