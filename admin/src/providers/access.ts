// Who may do what, for authProvider.canAccess: handlers read every register and work the cases;
// creating and changing staff, account rights and organisations, and the service-level targets, is for
// administrators. The API refuses the rest anyway; this keeps what would be refused out of sight.
import type { StaffRole } from '../types';

export function roleCanAccess(role: StaffRole | undefined, { resource, action }: { resource: string; action: string }): boolean {
  if (role === 'admin') return true;
  if (role !== 'handler') return false;
  // Service-level targets are for administrators alone, reading them too.
  if (resource === 'service-levels') return false;
  // So is the service-level report (the API: /api/admin/service-level-report).
  if (resource === 'service-level-report') return false;
  // And moving accounts in from an earlier portal (/api/admin/account-import).
  if (resource === 'account-import') return false;
  return resource === 'cases' || action === 'list' || action === 'show';
}
