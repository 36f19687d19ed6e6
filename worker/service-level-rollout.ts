// Brings open cases onto changed service-level targets: the API signals them when an administrator
// saves, and this repeats the pass until every open case runs on the newest (an API that stopped
// mid-way, a case that started meanwhile, a workflow that was busy).
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client.js';
import { serviceLevelRollout } from '../services/service-levels.js';

export function startServiceLevelRollout(db: Db, client: Client, opts: { intervalMs: number; log?: (msg: string) => void }) {
  const pass = serviceLevelRollout(db, client);
  let stopped = false;
  let wake = () => {};
  const loop = async () => {
    while (!stopped) {
      try {
        const signalled = await pass();
        if (signalled > 0) opts.log?.(`service levels: sent changed targets to ${signalled} open case(s)`);
      } catch (err) {
        opts.log?.(`service levels: rollout pass failed, retrying: ${(err as Error).message}`);
      }
      if (!stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, opts.intervalMs);
          wake = () => (clearTimeout(timer), resolve());
        });
      }
    }
  };
  const done = loop();
  return async () => {
    stopped = true;
    wake();
    await done;
  };
}
