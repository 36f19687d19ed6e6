// The back-office API under /api/admin, in react-admin's simple-rest dialect; staff only. An internal
// API for the back office: plain Hono routes, left out of the OpenAPI document.
import { Hono } from 'hono';
import { authorise } from '../../auth.js';
import type { ApiDeps } from '../../deps.js';
import { guardInput } from '../../problems.js';
import { adminAccountImport } from './account-import.js';
import { adminAccounts } from './accounts.js';
import { adminCases, queueCountsApi } from './cases.js';
import { adminNotifications } from './notifications.js';
import { adminOrganisations } from './organisations.js';
import { adminServiceLevelReport } from './service-level-report.js';
import { adminServiceLevels } from './service-levels.js';
import { adminStaff } from './staff.js';

export function backOfficeApi(deps: ApiDeps): Hono {
  const app = new Hono();
  app.use('*', authorise(deps.db, 'staff'), guardInput);
  app.route('/cases', adminCases(deps));
  app.route('/queue-counts', queueCountsApi(deps));
  app.route('/organisations', adminOrganisations(deps));
  app.route('/accounts', adminAccounts(deps));
  app.route('/account-import', adminAccountImport(deps));
  app.route('/staff', adminStaff(deps));
  app.route('/service-levels', adminServiceLevels(deps));
  app.route('/service-level-report', adminServiceLevelReport(deps));
  app.route('/notifications', adminNotifications(deps));
  return app;
}
