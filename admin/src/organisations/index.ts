import ApartmentIcon from '@mui/icons-material/Apartment';
import type { Organisation } from '../types';
import { OrganisationList } from './OrganisationList';
import { OrganisationShow } from './OrganisationShow';

export default {
  list: OrganisationList,
  show: OrganisationShow,
  icon: ApartmentIcon,
  recordRepresentation: (record: Organisation) => record.name,
};
