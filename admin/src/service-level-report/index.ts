import AssessmentIcon from '@mui/icons-material/AssessmentOutlined';
import { ServiceLevelReportPage } from './ServiceLevelReportPage';

// A resource for its menu entry, name and access rule; its one page is the report.
export default {
  list: ServiceLevelReportPage,
  icon: AssessmentIcon,
};
