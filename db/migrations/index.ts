// Explicit list instead of scanning the folder: works the same under tsx, vitest and bundlers.
import type { Migration } from 'kysely';
import * as initial from './2026-11-22T1200_initial.js';
import * as accountsSessions from './2026-11-23T0900_accounts_sessions.js';
import * as backOfficeIndexes from './2026-11-23T1000_back_office_indexes.js';
import * as emailDelivery from './2026-11-24T1000_email_delivery.js';
import * as caseWorkflowIds from './2026-11-26T0900_case_workflow_ids.js';
import * as principalChangedNotify from './2026-11-26T1100_principal_changed_notify.js';
import * as apiTokenIntentKeys from './2026-11-26T1300_api_token_intent_keys.js';
import * as reporterCasesStatusIndex from './2026-11-27T1000_reporter_cases_status_index.js';
import * as serviceLevels from './2026-11-27T1100_service_levels.js';
import * as staffNotifications from './2026-11-27T1200_staff_notifications.js';
import * as serviceLevelReport from './2026-11-28T1200_service_level_report.js';
import * as earlierAccounts from './2026-11-28T1300_earlier_accounts.js';
import * as accountVerification from './2026-11-28T1400_account_verification.js';
import * as contactWithoutAccount from './2026-11-28T1500_contact_without_account.js';

export const migrations: Record<string, Migration> = {
  '2026-11-22T1200_initial': initial,
  '2026-11-23T0900_accounts_sessions': accountsSessions,
  '2026-11-23T1000_back_office_indexes': backOfficeIndexes,
  '2026-11-24T1000_email_delivery': emailDelivery,
  '2026-11-26T0900_case_workflow_ids': caseWorkflowIds,
  '2026-11-26T1100_principal_changed_notify': principalChangedNotify,
  '2026-11-26T1300_api_token_intent_keys': apiTokenIntentKeys,
  '2026-11-27T1000_reporter_cases_status_index': reporterCasesStatusIndex,
  '2026-11-27T1100_service_levels': serviceLevels,
  '2026-11-27T1200_staff_notifications': staffNotifications,
  '2026-11-28T1200_service_level_report': serviceLevelReport,
  '2026-11-28T1300_earlier_accounts': earlierAccounts,
  '2026-11-28T1400_account_verification': accountVerification,
  '2026-11-28T1500_contact_without_account': contactWithoutAccount,
};
