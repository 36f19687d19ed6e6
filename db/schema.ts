import type { CaseEventsTable, CaseMessagesTable, CaseNumberCountersTable, CasesTable } from './tables/cases.js';
import type { EmailLogTable, IdempotencyKeysTable, NotificationsTable } from './tables/notifications.js';
import type { OrganisationsTable, UnitsTable } from './tables/organisations.js';
import type { LoginRequestsTable, RateLimitWindowsTable, SessionsTable } from './tables/auth.js';
import type { ApiTokensTable, CustomerAccountsTable, StaffTable } from './tables/people.js';
import type { CaseServiceLevelsTable, ServiceLevelTargetsTable } from './tables/service-levels.js';
import type { StaffNotificationsTable } from './tables/staff-notifications.js';
import type { ServiceLevelReportRowsTable } from './tables/service-level-report.js';
import type { AccountVerificationCodesTable } from './tables/account-verification.js';

export interface DB {
  organisations: OrganisationsTable;
  units: UnitsTable;
  customer_accounts: CustomerAccountsTable;
  staff: StaffTable;
  api_tokens: ApiTokensTable;
  case_number_counters: CaseNumberCountersTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  case_messages: CaseMessagesTable;
  notifications: NotificationsTable;
  email_log: EmailLogTable;
  idempotency_keys: IdempotencyKeysTable;
  sessions: SessionsTable;
  login_requests: LoginRequestsTable;
  rate_limit_windows: RateLimitWindowsTable;
  service_level_targets: ServiceLevelTargetsTable;
  case_service_levels: CaseServiceLevelsTable;
  staff_notifications: StaffNotificationsTable;
  service_level_report_rows: ServiceLevelReportRowsTable;
  account_verification_codes: AccountVerificationCodesTable;
}
