import { describe, expect, it } from 'vitest';
import { RATE_WINDOW_S, emailQueueDispatchRate, mostDispatchedIn } from './email-rate.js';

describe('emailQueueDispatchRate', () => {
  it.each([1, 2, 5, 10, 25, 100, 1000])('keeps every %i/s cap over any 10 s, bursts included', (cap) => {
    const rate = emailQueueDispatchRate(cap);
    if (cap * RATE_WINDOW_S > 4) expect(mostDispatchedIn(rate)).toBeLessThanOrEqual(cap * RATE_WINDOW_S);
    expect(rate).toBeLessThan(cap);
  });

  it('gives up little of the cap', () => {
    expect(emailQueueDispatchRate(10)).toBeCloseTo(96 / 11, 5); // 8.7/s for a cap of 10/s
    expect(emailQueueDispatchRate(100)).toBeGreaterThan(90);
  });

  it('the unchanged cap would break the window (why the rate is lowered)', () => {
    expect(mostDispatchedIn(10)).toBeGreaterThan(10 * RATE_WINDOW_S);
  });
});
