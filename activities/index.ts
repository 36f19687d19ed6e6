// All activities of the case workflow, wired to their dependencies by the worker.
import type { Db } from '../db/client.js';
import { createHoldForDigest } from './hold-for-digest.js';
import { createRecordTransition } from './record-transition.js';
import { type EmailDeps, createSendCaseEmail } from './send-case-email.js';
import { createSendDigest } from './send-digest.js';
import { createRaiseServiceLevelWarning } from './service-level-warnings.js';
import { createServiceLevelActivities } from './service-levels.js';

/** recipientHashKey: the key of the mailbox ids' keyed hash (PNR_HASH_KEY); without it nothing can be held for a digest. */
export function createActivities(deps: EmailDeps & { db: Db; recipientHashKey?: string }) {
  return {
    recordTransition: createRecordTransition(deps.db),
    sendCaseEmail: createSendCaseEmail(deps),
    sendDigest: createSendDigest(deps),
    holdForDigest: createHoldForDigest({ db: deps.db, recipientHashKey: deps.recipientHashKey }),
    ...createServiceLevelActivities(deps.db),
    raiseServiceLevelWarning: createRaiseServiceLevelWarning(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
