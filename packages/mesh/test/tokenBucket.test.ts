// Contracts of the token bucket behind the inbound rate limit: burst first, then the refill rate.

import fc from 'fast-check';
import { uniform } from '../../engine/test/__helpers__/uniform.js';
import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../src/internal/index.js';

describe('TokenBucket', () => {
  it('admits exactly `burst` requests at once from a full bucket, then refuses', () => {
    const bucket = new TokenBucket(100, 5);
    const admitted = Array.from({ length: 8 }, () => bucket.tryTake(0));
    expect(admitted).toEqual([true, true, true, true, true, false, false, false]);
  });

  it('refills one token every 1000/ratePerSecond ms and never holds more than `burst`', () => {
    const bucket = new TokenBucket(100, 2); // one token per 10 ms
    expect(bucket.tryTake(0)).toBe(true);
    expect(bucket.tryTake(0)).toBe(true);
    expect(bucket.tryTake(9)).toBe(false);
    expect(bucket.tryTake(10)).toBe(true);
    expect(bucket.tryTake(15)).toBe(false);
    expect(bucket.available(1_000_000)).toBe(2);
    expect(bucket.tryTake(1_000_000)).toBe(true);
    expect(bucket.tryTake(1_000_000)).toBe(true);
    expect(bucket.tryTake(1_000_000)).toBe(false);
  });

  it('admits burst + rate × T under saturating load: burst first, then the rate (1 ms arrivals for 1 s)', () => {
    const bucket = new TokenBucket(50, 10);
    let admitted = 0;
    for (let t = 0; t <= 1000; t++) if (bucket.tryTake(t)) admitted++;
    expect(admitted).toBe(10 + 50);
  });

  it('never admits more than burst + rate × T/1000 over any run starting full (property)', () => {
    fc.assert(
      fc.property(
        uniform(0.5, 2000),
        fc.integer({ min: 1, max: 50 }),
        fc.array(uniform(0, 5000), { minLength: 1, maxLength: 300 }),
        (ratePerSecond, burst, times) => {
          const sorted = [...times].sort((a, b) => a - b);
          const bucket = new TokenBucket(ratePerSecond, burst);
          let admitted = 0;
          for (const t of sorted) if (bucket.tryTake(t)) admitted++;
          const spanMs = sorted[sorted.length - 1] as number;
          expect(admitted).toBeLessThanOrEqual(Math.floor(burst + (ratePerSecond * spanMs) / 1000 + 1e-6));
        },
      ),
    );
  });
});
