// Clients that behave as the portal and the back office do: one Idempotency-Key per intent, and a
// retry with the same key after a dropped connection, a 503 (honouring Retry-After) or a 202.
export interface Tally {
  /** Answers per status; 0 counts dropped connections and time-outs. */
  statuses: Map<number, number>;
  /** 5xx answers other than 503 with Retry-After: each one a defect. */
  serverErrors: string[];
}

export const newTally = (): Tally => ({ statuses: new Map(), serverErrors: [] });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends one intent until it has a final answer (2xx other than 202, or a 4xx) or `giveUpAt` passes.
 * Returns the final answer's status and body, or undefined when it never got one.
 */
export async function sendIntent(
  tally: Tally,
  url: string,
  init: { method: string; token: string; key: string; body: unknown },
  giveUpAt: number,
): Promise<{ status: number; json: any } | undefined> {
  while (Date.now() < giveUpAt) {
    let wait = 250;
    try {
      const res = await fetch(url, {
        method: init.method,
        headers: { Authorization: `Bearer ${init.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': init.key },
        body: JSON.stringify(init.body),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      tally.statuses.set(res.status, (tally.statuses.get(res.status) ?? 0) + 1);
      if (res.status === 503) {
        if (!res.headers.get('retry-after')) tally.serverErrors.push(`503 without Retry-After on ${init.method} ${url}`);
        wait = Math.min(Number(res.headers.get('retry-after')) * 1000 || 1000, 2000);
      } else if (res.status >= 500) {
        tally.serverErrors.push(`${res.status} on ${init.method} ${url}: ${text.slice(0, 200)}`);
      } else if (res.status !== 202 && res.status !== 429) {
        return { status: res.status, json: text ? JSON.parse(text) : undefined };
      }
    } catch {
      tally.statuses.set(0, (tally.statuses.get(0) ?? 0) + 1);
    }
    await sleep(wait);
  }
  return undefined;
}
