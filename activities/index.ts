// All activities of the case workflow, wired to their dependencies by the worker.
import type { Db } from '../db/client.js';
import { createRecordTransition } from './record-transition.js';
import { type EmailDeps, createSendCaseEmail } from './send-case-email.js';
import { createRaiseServiceLevelWarning } from './service-level-warnings.js';
import { createServiceLevelActivities } from './service-levels.js';

export function createActivities(deps: EmailDeps & { db: Db }) {
  return {
    recordTransition: createRecordTransition(deps.db),
    sendCaseEmail: createSendCaseEmail(deps),
    ...createServiceLevelActivities(deps.db),
    raiseServiceLevelWarning: createRaiseServiceLevelWarning(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
