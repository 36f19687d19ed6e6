// The rate the e-mail task queue asks of the Temporal server, so that the relay never sees more than
// EMAIL_MAX_PER_SECOND over a window of some seconds. The server's limiter is a token bucket in each
// of the queue's read partitions (matching.numTaskqueueReadPartitions, 4 by default), each holding one
// second of its share rounded up: over W seconds a rate r may dispatch r·W plus up to r + partitions.

export const RATE_WINDOW_S = 10;
export const TASK_QUEUE_PARTITIONS = 4;

/** Tasks a second to ask for: the largest r with r·(W + 1) + partitions ≤ cap·W, and never below a tenth of the cap. */
export function emailQueueDispatchRate(cap: number, windowS = RATE_WINDOW_S, partitions = TASK_QUEUE_PARTITIONS): number {
  return Math.max(cap / 10, (cap * windowS - partitions) / (windowS + 1));
}

/** The most a queue limited to `rate` may dispatch in `windowS` seconds (what the rate above is chosen by). */
export function mostDispatchedIn(rate: number, windowS = RATE_WINDOW_S, partitions = TASK_QUEUE_PARTITIONS): number {
  return rate * windowS + partitions * Math.ceil(rate / partitions);
}
