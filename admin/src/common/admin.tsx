import { Alert } from '@mui/material';
import type { ReactNode } from 'react';
import { Title, usePermissions } from 'react-admin';

/** Whether the logged-in staff member is an administrator (getPermissions answers the role). */
export function useIsAdmin(): boolean {
  const { permissions } = usePermissions<string>();
  return permissions === 'admin';
}

/** Pages only administrators may use; the API refuses the requests of others anyway. */
export const AdminOnly = ({ children }: { children: ReactNode }) => {
  const { permissions, isPending } = usePermissions<string>();
  if (isPending) return null;
  if (permissions !== 'admin') {
    return (
      <>
        <Title title="Åtkomst nekad" />
        <Alert severity="warning" sx={{ mt: 2 }}>
          Bara administratörer kan göra detta.
        </Alert>
      </>
    );
  }
  return <>{children}</>;
};
