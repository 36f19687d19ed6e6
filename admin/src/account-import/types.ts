// POST /api/admin/account-import: what the page sends and the report it gets back
// (services/account-import.ts has the report's meaning).

export interface ImportRequest {
  /** The files' text, CSV. */
  accounts: string;
  cases?: string;
  dryRun: boolean;
  skipBadLines: boolean;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export type LineOutcome = 'created' | 'updated' | 'unchanged' | 'rejected';

export interface ImportLineReport {
  file: 'accounts' | 'cases';
  line: number;
  key: string;
  outcome: LineOutcome;
  reasons: string[];
  changes: string[];
}

export interface ImportReport {
  dryRun: boolean;
  skipBadLines: boolean;
  written: boolean;
  accounts: ImportCounts;
  cases: ImportCounts;
  organisationsCreated: number;
  lines: ImportLineReport[];
  summary: string;
}
