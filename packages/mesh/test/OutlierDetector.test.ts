// Contracts of Envoy-style outlier detection, probed directly with a fake clock: consecutive-5xx
// ejection, ejection time base × n checked at interval ticks, the ejection cap, success-rate and
// failure-percentage ejection, and a fast-check comparison with an eagerly ticked reference model.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttemptResult } from '../src/config/AttemptResult.js';
import type { OutlierEjectionCap } from '../src/config/MeshConfig.js';
import type { OutlierDetectionConfig } from '../src/config/PolicyConfig.js';
import { ENVOY_OUTLIER_DETECTION } from '../src/config/policyDefaults.js';
import { OutlierDetector } from '../src/policies/OutlierDetector.js';
import { outlierOutcome } from '../src/policies/outlierOutcome.js';
import type { PolicyCounters } from '../src/ports/PolicyCounters.js';

type Result = AttemptResult | 'timeout';

const CONSECUTIVE_ONLY: OutlierDetectionConfig = {
  ...ENVOY_OUTLIER_DETECTION,
  successRate: null,
  failurePercentage: null,
};

function send(detector: OutlierDetector, host: number, result: Result, nowMs: number, times = 1): void {
  for (let i = 0; i < times; i++) detector.onAttemptEnd({ index: host }, result, 1, nowMs);
}

describe('outlierOutcome (Envoy result → HTTP class mapping)', () => {
  it('maps successes, 4xx, 500s and gateway failures', () => {
    expect(outlierOutcome('ok')).toBe('success');
    expect(outlierOutcome('rate-limited')).toBe('success');
    expect(outlierOutcome('denied')).toBe('success');
    expect(outlierOutcome('error')).toBe('5xx');
    for (const r of [
      'rejected',
      'connect-failure',
      'reset',
      'per-try-timeout',
      'timeout',
      'deadline-exceeded',
    ] as const) {
      expect(outlierOutcome(r)).toBe('gateway');
    }
  });
});

describe('OutlierDetector: consecutive 5xx', () => {
  it('ejects at exactly the 5th consecutive 5xx, at once (not at the next interval)', () => {
    const detector = new OutlierDetector(CONSECUTIVE_ONLY, 10, 0);
    send(detector, 3, 'error', 1234, 4);
    expect(detector.isEjected(3, 1234)).toBe(false);
    send(detector, 3, 'reset', 1234);
    expect(detector.isEjected(3, 1234)).toBe(true);
    expect(detector.isAvailable({ index: 3 }, 1234)).toBe(false);
    expect(detector.isAvailable({ index: 4 }, 1234)).toBe(true);
  });

  it('resets the count on a success (and a 429 counts as one)', () => {
    const detector = new OutlierDetector(CONSECUTIVE_ONLY, 10, 0);
    send(detector, 0, 'error', 0, 4);
    send(detector, 0, 'rate-limited', 0);
    send(detector, 0, 'error', 0, 4);
    expect(detector.isEjected(0, 0)).toBe(false);
    send(detector, 0, 'error', 0);
    expect(detector.isEjected(0, 0)).toBe(true);
  });

  it('returns a host after 30 s × n (n = ejections in a row), checked at the 10 s interval ticks', () => {
    const detector = new OutlierDetector(CONSECUTIVE_ONLY, 10, 0);
    // 1st ejection at 0: back at 30 s.
    send(detector, 0, 'error', 0, 5);
    expect(detector.isEjected(0, 29_999)).toBe(true);
    expect(detector.isEjected(0, 30_000)).toBe(false);
    // 2nd at 30 s: 60 s → back at 90 s.
    send(detector, 0, 'error', 30_000, 5);
    expect(detector.multiplierOf(0)).toBe(2);
    expect(detector.isEjected(0, 89_999)).toBe(true);
    expect(detector.isEjected(0, 90_000)).toBe(false);
    // 3rd at 95 s: 90 s → due at 185 s, seen at the 190 s tick.
    send(detector, 0, 'error', 95_000, 5);
    expect(detector.isEjected(0, 189_999)).toBe(true);
    expect(detector.isEjected(0, 190_000)).toBe(false);
    // Healthy intervals then lower the multiplier by one per tick: 3 → 2 (200 s) → 1 (210 s) → 0 (220 s).
    expect(detector.multiplierOf(0)).toBe(3);
    detector.advanceTo(200_000);
    expect(detector.multiplierOf(0)).toBe(2);
    detector.advanceTo(220_000);
    expect(detector.multiplierOf(0)).toBe(0);
  });

  it('raises the multiplier while n × base < max + base (Envoy ejectHost): base 10 s, max 20 s stops at 3', () => {
    const config = {
      ...CONSECUTIVE_ONLY,
      intervalMs: 1000,
      baseEjectionTimeMs: 10_000,
      maxEjectionTimeMs: 20_000,
    };
    const detector = new OutlierDetector(config, 10, 0);
    let t = 0;
    const multipliers: number[] = [];
    for (let round = 0; round < 4; round++) {
      send(detector, 0, 'error', t, 5); // ejected at t, returns at the first tick after min(10 s × n, 20 s)
      multipliers.push(detector.multiplierOf(0));
      while (detector.isEjected(0, t)) t += 1000;
    }
    expect(multipliers).toEqual([1, 2, 3, 3]);
    expect(t).toBe(10_000 + 20_000 + 20_000 + 20_000); // every ejection after the first lasts the 20 s cap
  });

  it('caps the ejection time at maxEjectionTimeMs', () => {
    const config = { ...CONSECUTIVE_ONLY, baseEjectionTimeMs: 30_000, maxEjectionTimeMs: 50_000 };
    const detector = new OutlierDetector(config, 10, 0);
    send(detector, 0, 'error', 0, 5); // 30 s
    expect(detector.isEjected(0, 30_000)).toBe(false);
    send(detector, 0, 'error', 30_000, 5); // 60 s capped at 50 s → 80 s
    expect(detector.isEjected(0, 79_999)).toBe(true);
    expect(detector.isEjected(0, 80_000)).toBe(false);
  });

  it('ejects nothing when one ejection would exceed maxEjectionPercent: 10 % of 5 hosts (Envoy ≥ 1.28)', () => {
    const detector = new OutlierDetector(CONSECUTIVE_ONLY, 5, 0);
    send(detector, 0, 'error', 0, 5);
    expect(detector.isEjected(0, 0)).toBe(false); // 100 × (0 + 1) / 5 = 20 % > 10 %
    const collected: PolicyCounters = { events: {}, timeMs: {} };
    detector.collect(collected, 1000);
    expect(collected.events['outlier-ejections']).toBe(0);
    expect(collected.events['outlier-ejections-overflow']).toBe(1);
  });

  it('with alwaysEjectOneHost, 10 % of 5 hosts still ejects one, and no second', () => {
    const detector = new OutlierDetector({ ...CONSECUTIVE_ONLY, alwaysEjectOneHost: true }, 5, 0);
    send(detector, 0, 'error', 0, 5);
    send(detector, 1, 'error', 0, 5);
    expect(detector.isEjected(0, 0)).toBe(true);
    expect(detector.isEjected(1, 0)).toBe(false);
    const collected: PolicyCounters = { events: {}, timeMs: {} };
    detector.collect(collected, 1000);
    expect(collected.events['outlier-ejections']).toBe(1);
    expect(collected.events['outlier-ejections-consecutive-5xx']).toBe(1);
    expect(collected.events['outlier-ejections-overflow']).toBe(1);
    // Ejected host time is a duration [ms], kept apart from the event counts.
    expect(collected.timeMs).toEqual({ 'outlier-ejected-host': 1000 });
  });

  it('under the before-ejection cap (Envoy before 1.28) ejects the first host whatever the cap, then checks the share already ejected', () => {
    // 10 % of 5 hosts: 0 % < 10 % ejects one; 20 % is not below 10 %, so no second.
    const small = new OutlierDetector(CONSECUTIVE_ONLY, 5, 0, 'before-ejection');
    for (let host = 0; host < 3; host++) send(small, host, 'error', 0, 5);
    expect(small.ejectedHosts(0)).toBe(1);
    // 50 % of 3 hosts: 0 % and 33 % are below 50 %, so two are ejected (66 %), where Envoy ≥ 1.28 ejects one.
    const before = new OutlierDetector(
      { ...CONSECUTIVE_ONLY, maxEjectionPercent: 50 },
      3,
      0,
      'before-ejection',
    );
    const after = new OutlierDetector(
      { ...CONSECUTIVE_ONLY, maxEjectionPercent: 50 },
      3,
      0,
      'after-ejection',
    );
    for (let host = 0; host < 3; host++) {
      send(before, host, 'error', 0, 5);
      send(after, host, 'error', 0, 5);
    }
    expect(before.ejectedHosts(0)).toBe(2);
    expect(after.ejectedHosts(0)).toBe(1);
  });

  it('allows floor(percent × hosts / 100) ejections when that is more than one', () => {
    const detector = new OutlierDetector({ ...CONSECUTIVE_ONLY, maxEjectionPercent: 20 }, 10, 0);
    for (let host = 0; host < 5; host++) send(detector, host, 'error', 0, 5);
    expect(detector.ejectedHosts(0)).toBe(2);
  });

  it('counts consecutive gateway failures separately; a 500 resets them', () => {
    const config = { ...CONSECUTIVE_ONLY, consecutive5xx: 0, consecutiveGatewayErrors: 3 };
    const detector = new OutlierDetector(config, 10, 0);
    send(detector, 0, 'rejected', 0, 2);
    send(detector, 0, 'error', 0);
    send(detector, 0, 'per-try-timeout', 0, 2);
    expect(detector.isEjected(0, 0)).toBe(false);
    send(detector, 0, 'timeout', 0);
    expect(detector.isEjected(0, 0)).toBe(true);
    const collected: PolicyCounters = { events: {}, timeMs: {} };
    detector.collect(collected, 0);
    expect(collected.events['outlier-ejections-consecutive-gateway']).toBe(1);
  });
});

describe('OutlierDetector: interval analysis', () => {
  const srOnly: OutlierDetectionConfig = {
    ...ENVOY_OUTLIER_DETECTION,
    consecutive5xx: 0,
    maxEjectionPercent: 100,
  };

  /** 100 requests per host in [0, 10 s); `failures[i]` of host i fail, spread out (never 5 in a row). */
  function fill(detector: OutlierDetector, failures: readonly number[], volume = 100): void {
    failures.forEach((failed, host) => {
      for (let i = 0; i < volume; i++) {
        send(detector, host, i % 2 === 0 && i / 2 < failed ? 'error' : 'ok', 5000 + i);
      }
    });
  }

  it('ejects at the tick a host whose success rate is below mean − 1.9 × stdev', () => {
    // Rates 50,100,100,100,100 %: mean 90, stdev 20, threshold 52 → host 0 out.
    const detector = new OutlierDetector(srOnly, 5, 0);
    fill(detector, [50, 0, 0, 0, 0]);
    expect(detector.isEjected(0, 9999)).toBe(false);
    expect(detector.isEjected(0, 10_000)).toBe(true);
    expect(detector.ejectedHosts(10_000)).toBe(1);
    const collected: PolicyCounters = { events: {}, timeMs: {} };
    detector.collect(collected, 10_000);
    expect(collected.events['outlier-ejections-success-rate']).toBe(1);
  });

  it('ejects one bad host among five for any drop, but not two equally bad ones (threshold 100 − 1.33 d)', () => {
    // One host at 100 − d: threshold = 100 − 0.96 d, always above it. Two at 100 − d: threshold 100 − 1.33 d.
    const one = new OutlierDetector(srOnly, 5, 0);
    fill(one, [4, 0, 0, 0, 0]);
    expect(one.isEjected(0, 10_000)).toBe(true);
    const two = new OutlierDetector(srOnly, 5, 0);
    fill(two, [40, 40, 0, 0, 0]);
    expect(two.ejectedHosts(10_000)).toBe(0);
  });

  it('does nothing when fewer than minimumHosts hosts reach requestVolume', () => {
    const detector = new OutlierDetector(srOnly, 5, 0);
    fill(detector, [50, 0, 0, 0]);
    for (let i = 0; i < 99; i++) send(detector, 4, 'ok', 6000);
    expect(detector.ejectedHosts(10_000)).toBe(0);
  });

  it('ejects by failure percentage (≥ threshold) with enough hosts and volume', () => {
    const config: OutlierDetectionConfig = {
      ...srOnly,
      successRate: null,
      failurePercentage: { threshold: 85, minimumHosts: 5, requestVolume: 50 },
    };
    const detector = new OutlierDetector(config, 5, 0);
    fill(detector, [50, 43, 0, 0, 0], 100); // hosts 0 and 1: 50 % and 43 % failures: below 85
    expect(detector.ejectedHosts(10_000)).toBe(0);
    for (let host = 0; host < 5; host++) {
      for (let i = 0; i < 60; i++) send(detector, host, host === 2 && i < 51 ? 'error' : 'ok', 15_000);
    }
    // Host 2: 51 / 60 = 85 % ≥ 85 → ejected at the 20 s tick.
    expect(detector.isEjected(2, 19_999)).toBe(false);
    expect(detector.isEjected(2, 20_000)).toBe(true);
  });

  it('rejects an invalid config, naming the field and value', () => {
    expect(() => new OutlierDetector({ ...srOnly, intervalMs: 0 }, 5, 0)).toThrow(/intervalMs.*0/);
    expect(() => new OutlierDetector({ ...srOnly, maxEjectionPercent: 120 }, 5, 0)).toThrow(
      /maxEjectionPercent.*120/,
    );
  });
});

// ----- Reference model: the same rules, ticked eagerly as time advances, written for clarity. -----

interface HostModel {
  ejected: boolean;
  ejectedAt: number;
  n: number;
  c5xx: number;
  cGateway: number;
  total: number;
  failed: number;
}

class ReferenceDetector {
  readonly hosts: HostModel[];
  nowMs = 0;
  constructor(
    private readonly config: OutlierDetectionConfig,
    hostCount: number,
    private readonly cap: OutlierEjectionCap = 'after-ejection',
  ) {
    this.hosts = Array.from({ length: hostCount }, () => ({
      ejected: false,
      ejectedAt: 0,
      n: 0,
      c5xx: 0,
      cGateway: 0,
      total: 0,
      failed: 0,
    }));
  }

  get ejectedCount(): number {
    return this.hosts.filter((h) => h.ejected).length;
  }

  result(i: number, kind: 'ok' | 'error' | 'gateway'): void {
    const h = this.hosts[i] as HostModel;
    h.total++;
    if (kind === 'ok') {
      h.c5xx = 0;
      h.cGateway = 0;
      return;
    }
    h.failed++;
    if (kind === 'gateway') {
      h.cGateway++;
      if (
        this.config.consecutiveGatewayErrors > 0 &&
        h.cGateway === this.config.consecutiveGatewayErrors &&
        !h.ejected
      ) {
        this.eject(h);
        h.cGateway = 0;
      }
    } else h.cGateway = 0;
    h.c5xx++;
    if (this.config.consecutive5xx > 0 && h.c5xx === this.config.consecutive5xx && !h.ejected) {
      this.eject(h);
      h.c5xx = 0;
    }
  }

  advance(ms: number): void {
    const end = this.nowMs + ms;
    const interval = this.config.intervalMs;
    for (let tick = (Math.floor(this.nowMs / interval) + 1) * interval; tick <= end; tick += interval) {
      this.nowMs = tick;
      this.tick();
    }
    this.nowMs = end;
  }

  private eject(h: HostModel): void {
    if (this.ejectedCount >= ejectionLimit(this.config, this.hosts.length, this.cap)) return;
    h.ejected = true;
    h.ejectedAt = this.nowMs;
    const max = Math.max(this.config.maxEjectionTimeMs, this.config.baseEjectionTimeMs);
    if (h.n === 0 || this.config.baseEjectionTimeMs * h.n < max + this.config.baseEjectionTimeMs) h.n++;
  }

  private tick(): void {
    const { baseEjectionTimeMs: base, successRate: sr, failurePercentage: fp } = this.config;
    const max = Math.max(this.config.maxEjectionTimeMs, base);
    for (const h of this.hosts) {
      if (!h.ejected) h.n = Math.max(0, h.n - 1);
      else if (this.nowMs - h.ejectedAt >= Math.min(base * h.n, max)) {
        h.ejected = false;
        h.c5xx = 0;
        h.cGateway = 0;
      }
    }
    const rate = (h: HostModel): number => (100 * (h.total - h.failed)) / h.total;
    const live = this.hosts.filter((h) => !h.ejected && h.total > 0);
    const srHosts = sr === null ? [] : live.filter((h) => h.total >= sr.requestVolume);
    const fpHosts = fp === null ? [] : live.filter((h) => h.total >= fp.requestVolume);
    if (sr !== null && srHosts.length > 0 && srHosts.length >= sr.minimumHosts) {
      const mean = srHosts.reduce((s, h) => s + rate(h), 0) / srHosts.length;
      const sd = Math.sqrt(srHosts.reduce((s, h) => s + (rate(h) - mean) ** 2, 0) / srHosts.length);
      for (const h of srHosts) if (rate(h) < mean - sr.stdevFactor * sd && !h.ejected) this.eject(h);
    }
    if (fp !== null && fpHosts.length > 0 && fpHosts.length >= fp.minimumHosts) {
      for (const h of fpHosts) if (100 - rate(h) >= fp.threshold && !h.ejected) this.eject(h);
    }
    for (const h of this.hosts) {
      h.total = 0;
      h.failed = 0;
    }
  }
}

/**
 * How many hosts may be ejected at once: floor(p × hosts / 100) under the after-ejection cap (Envoy ≥ 1.28),
 * ceil(p × hosts / 100) under the before-ejection one (k ejected allow one more while k × 100 < p × hosts); at least
 * one with alwaysEjectOneHost.
 */
function ejectionLimit(config: OutlierDetectionConfig, hosts: number, cap: OutlierEjectionCap): number {
  const share = (config.maxEjectionPercent * hosts) / 100;
  const limit = cap === 'after-ejection' ? Math.floor(share) : Math.ceil(share);
  return config.alwaysEjectOneHost ? Math.max(1, limit) : limit;
}

describe('OutlierDetector vs a reference model (fast-check)', () => {
  const arbConfig: fc.Arbitrary<OutlierDetectionConfig> = fc.record({
    consecutive5xx: fc.integer({ min: 0, max: 4 }),
    consecutiveGatewayErrors: fc.integer({ min: 0, max: 3 }),
    intervalMs: fc.integer({ min: 5, max: 40 }),
    baseEjectionTimeMs: fc.integer({ min: 1, max: 60 }),
    maxEjectionTimeMs: fc.integer({ min: 1, max: 200 }),
    maxEjectionPercent: fc.integer({ min: 0, max: 100 }),
    alwaysEjectOneHost: fc.boolean(),
    successRate: fc.option(
      fc.record({
        minimumHosts: fc.integer({ min: 0, max: 4 }),
        requestVolume: fc.integer({ min: 1, max: 4 }),
        stdevFactor: fc.constantFrom(0, 0.5, 1, 1.9),
      }),
    ),
    failurePercentage: fc.option(
      fc.record({
        threshold: fc.integer({ min: 0, max: 100 }),
        minimumHosts: fc.integer({ min: 0, max: 4 }),
        requestVolume: fc.integer({ min: 1, max: 4 }),
      }),
    ),
  });
  const kinds: Record<'ok' | 'error' | 'gateway', readonly Result[]> = {
    ok: ['ok', 'rate-limited'],
    error: ['error'],
    gateway: ['rejected', 'reset', 'connect-failure', 'per-try-timeout', 'timeout'],
  };
  const arbCommand = fc.oneof(
    fc.record({
      kind: fc.constant('result' as const),
      host: fc.nat(),
      outcome: fc.constantFrom('ok' as const, 'error' as const, 'gateway' as const),
      variant: fc.nat(),
    }),
    fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 60 }) }),
  );

  it('agrees on which hosts are ejected after every command, and never exceeds the cap', () => {
    fc.assert(
      fc.property(
        arbConfig,
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom<OutlierEjectionCap>('after-ejection', 'before-ejection'),
        fc.array(arbCommand, { maxLength: 200 }),
        (config, hostCount, ejectionCap, commands) => {
          const detector = new OutlierDetector(config, hostCount, 0, ejectionCap);
          const model = new ReferenceDetector(config, hostCount, ejectionCap);
          const cap = ejectionLimit(config, hostCount, ejectionCap);
          for (const command of commands) {
            if (command.kind === 'advance') model.advance(command.ms);
            else {
              const host = command.host % hostCount;
              const options = kinds[command.outcome];
              const result = options[command.variant % options.length] as Result;
              detector.onAttemptEnd({ index: host }, result, 1, model.nowMs);
              model.result(host, command.outcome);
            }
            for (let host = 0; host < hostCount; host++) {
              expect(detector.isEjected(host, model.nowMs)).toBe((model.hosts[host] as HostModel).ejected);
            }
            expect(detector.ejectedHosts(model.nowMs)).toBeLessThanOrEqual(cap);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
