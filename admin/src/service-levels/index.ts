import TimerIcon from '@mui/icons-material/TimerOutlined';
import type { ServiceLevelTargets } from '../types';
import { ServiceLevelEdit } from './ServiceLevelEdit';
import { ServiceLevelList } from './ServiceLevelList';
import { ServiceLevelShow } from './ServiceLevelShow';

export default {
  list: ServiceLevelList,
  show: ServiceLevelShow,
  edit: ServiceLevelEdit,
  icon: TimerIcon,
  recordRepresentation: (record: ServiceLevelTargets) => record.typeLabel,
};
