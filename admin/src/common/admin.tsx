import { Alert } from '@mui/material';
import type { ReactNode } from 'react';
import { CanAccess, Title, useTranslate } from 'react-admin';

const AdminsOnly = () => {
  const translate = useTranslate();
  return (
    <>
      <Title title="ra.page.access_denied" />
      <Alert severity="warning" sx={{ mt: 2 }}>
        {translate('kundportal.access.admins_only')}
      </Alert>
    </>
  );
};

/**
 * Pages only administrators may use (authProvider.canAccess says who): others are told so on the
 * page itself, where react-admin would redirect them to its access-denied page.
 */
export const AdminOnly = ({ action, children }: { action: 'create' | 'edit'; children: ReactNode }) => (
  <CanAccess action={action} accessDenied={<AdminsOnly />}>
    {children}
  </CanAccess>
);
