import { AppBar as RaAppBar, TitlePortal } from 'react-admin';

// The page title is the page's one h1 (react-admin renders it as a span by default).
export const AppBar = () => (
  <RaAppBar>
    <TitlePortal component="h1" variant="h6" />
  </RaAppBar>
);
