// Heartbeats while an activity works, so a dead worker is noticed within the heartbeat timeout
// (seconds) instead of the start-to-close timeout, and Temporal retries the attempt elsewhere.
import { Context } from '@temporalio/activity';

const EVERY_MS = 1_000; // the SDK coalesces these to 80 % of the heartbeat timeout

/** The running activity's context, or undefined when called directly (tests, scripts). */
export function activityContext(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined;
  }
}

export async function whileHeartbeating<T>(work: () => Promise<T>): Promise<T> {
  const ctx = activityContext();
  if (!ctx) return work();
  ctx.heartbeat();
  const timer = setInterval(() => ctx.heartbeat(), EVERY_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
