// Explicit list instead of scanning the folder: works the same under tsx, vitest and bundlers.
import type { Migration } from 'kysely';
import * as initial from './2026-11-22T1200_initial.js';

export const migrations: Record<string, Migration> = {
  '2026-11-22T1200_initial': initial,
};
