import { AppBar as RaAppBar, TitlePortal, UserMenu, useGetIdentity } from 'react-admin';
import { NotificationBell } from '../notifications/NotificationBell';

// The button shows the handler's name: its accessible name must contain it (WCAG 2.5.3).
const StaffUserMenu = () => {
  const { identity } = useGetIdentity();
  return <UserMenu label={identity?.fullName ? `${identity.fullName} – profil` : 'Profil'} />;
};

// The page title is the page's one h1 (react-admin renders it as a span by default).
export const AppBar = () => (
  <RaAppBar userMenu={<StaffUserMenu />}>
    <TitlePortal component="h1" variant="h6" />
    <NotificationBell />
  </RaAppBar>
);
