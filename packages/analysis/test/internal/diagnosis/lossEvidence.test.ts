// The evidence of a source's losses on small simulated runs: the causes of its failed calls, the failing calls
// behind the errors its services answer, and whether what it reaches was overloaded before any trigger — and the
// phrases a reason makes of them.

import { simulate } from '@meshsim/mesh';
import { resolveScenario } from '@meshsim/scenario';
import { describe, expect, it } from 'vitest';

import { DIAGNOSIS_THRESHOLDS } from '../../../src/index.js';
import {
  describeFailures,
  describeLoad,
  describeNoLoad,
  loadBound,
  lossEvidence,
} from '../../../src/internal/diagnosis/lossEvidence.js';
import type { LossEvidence } from '../../../src/internal/diagnosis/lossEvidence.js';
import { count } from '../../../src/internal/diagnosis/reasonWords.js';

/** The evidence of source `users` → `api` in a run of `scenario`; `firstTriggerMs` as diagnose finds it. */
function evidenceOf(scenario: unknown, firstTriggerMs: number | null = null): LossEvidence {
  const config = resolveScenario(scenario);
  return lossEvidence(config, simulate(config), 'users', 'api', firstTriggerMs, DIAGNOSIS_THRESHOLDS);
}

describe('lossEvidence', () => {
  it("traces a source's errors to the timeouts behind them, and finds nothing overloaded", () => {
    // api's calls to db time out after 10 ms; db answers in 50 ms: every call fails, at ~1 % utilisation.
    const evidence = evidenceOf({
      duration: '10s',
      services: {
        api: { replicas: 4, serviceTime: '5ms', calls: [{ to: 'db', timeout: '10ms' }] },
        db: { replicas: 4, serviceTime: '50ms' },
      },
      traffic: [{ name: 'users', to: 'api', rate: 10 }],
    });
    expect(evidence.failed).toBeGreaterThan(0);
    expect(evidence.causes).toEqual([{ cause: 'error', calls: evidence.failed }]);
    expect(evidence.behind).toEqual([
      { source: 'api', destination: 'db', causes: [{ cause: 'timeout', calls: evidence.failed }] },
    ]);
    expect(evidence.ownErrors).toBeNull();
    expect(evidence.overloaded).toEqual([]);
    expect(evidence.overflowing).toEqual([]);
    expect(loadBound(evidence)).toBe(false);
    expect(evidence.busiest?.service).toBe('db');
    expect(evidence.busiest?.utilisation).toBeLessThan(0.05);
    expect(describeFailures(evidence)).toBe(
      `failed calls over the run: error ${evidence.failed}, behind them api → db: timeout ${evidence.failed}`,
    );
    expect(describeNoLoad(evidence)).toMatch(
      /^no service it calls is saturated or rejects requests \(busiest: db, utilisation \d\.\d %\)$/,
    );
  });

  it("names a service's own errors, with its errorRate, when no call of its own failed", () => {
    const evidence = evidenceOf({
      duration: '5s',
      services: { api: { serviceTime: '5ms', errorRate: 1 } },
      traffic: [{ name: 'users', to: 'api', rate: 50 }],
    });
    expect(evidence.behind).toEqual([]);
    expect(evidence.ownErrors).toEqual({ service: 'api', errorRate: 1, versions: [] });
    expect(loadBound(evidence)).toBe(false);
    expect(describeFailures(evidence)).toBe(
      `failed calls over the run: error ${evidence.failed}, answered by api itself (errorRate 100.0 %)`,
    );
  });

  it("tells a caller's Linkerd proxy failing requests fast (its own 504) from a destination answering errors", () => {
    // db's only sidecar is down from 1 s to 7 s and stays in api's endpoints (updates after 20 s): api's proxy holds
    // the requests, fails them at its 3 s failfast (504), then refuses new ones at once (503) — db answers nothing.
    const evidence = evidenceOf({
      duration: '10s',
      mesh: { shape: 'linkerd', endpointUpdateDelay: '20s' },
      services: {
        api: { serviceTime: '1ms', concurrency: 2048, queue: 4096, calls: [{ to: 'db' }] },
        db: { replicas: 1, serviceTime: '1ms', concurrency: 64 },
      },
      traffic: [{ name: 'users', to: 'api', rate: 100 }],
      faults: [{ at: '1s', for: '6s', service: 'db', crashProxy: 'sidecar', instances: 1 }],
    });
    const [hop] = evidence.behind;
    expect(evidence.behind).toHaveLength(1);
    expect(hop?.destination).toBe('db');
    const causes = new Map(hop?.causes.map((c) => [c.cause, c.calls]));
    const failedFast = causes.get('gateway-timeout') ?? 0;
    const refused = causes.get('no-endpoints') ?? 0;
    expect(failedFast).toBeGreaterThan(250);
    expect(refused).toBeGreaterThan(200);
    expect(hop?.proxyFailfast).toEqual({ failed: failedFast, refused });
    // Not db's own errors: db answered none.
    expect(evidence.ownErrors).toBeNull();
    const text = describeFailures(evidence);
    expect(text).not.toContain('answered by db itself');
    expect(text).toContain(
      `(api's Linkerd proxy failed ${count(failedFast)} requests fast: no ready endpoint of db ` +
        `for 3 s; then refused ${count(refused)} at once while in failfast)`,
    );
  });

  it('finds a saturated service rejecting requests, and says so', () => {
    // 200 req/s into one worker of 20 ms (50 req/s) with a queue of 4: saturated, rejecting most calls.
    const evidence = evidenceOf({
      duration: '10s',
      services: { api: { serviceTime: '20ms', replicas: 1, concurrency: 1, queue: 4 } },
      traffic: [{ name: 'users', to: 'api', rate: 200 }],
    });
    expect(loadBound(evidence)).toBe(true);
    const [api] = evidence.overloaded;
    expect(api?.service).toBe('api');
    expect(api?.saturated).toBe(true);
    expect(api?.rejected).toBeGreaterThan(0);
    expect(evidence.causes[0]?.cause).toBe('rejected');
    expect(describeLoad(evidence)).toMatch(/^api saturated \(utilisation \d+\.\d %, [\d,]+ rejected\)$/);
  });

  it('counts a rate limit refusing requests (429) as the callee refusing: the load exceeds what it takes', () => {
    // The review's rl.yaml: 300 req/s, retried, into a rate limit of 100 req/s; api itself is nearly idle.
    const evidence = evidenceOf({
      duration: '10s',
      services: {
        api: { replicas: 2, serviceTime: '10ms', inbound: { rateLimit: { rps: 100, burst: 20 } } },
      },
      traffic: [{ name: 'users', to: 'api', rate: 300, retry: { attempts: 3 } }],
    });
    expect(evidence.causes[0]?.cause).toBe('rate-limited');
    expect(loadBound(evidence)).toBe(true);
    const [api] = evidence.overloaded;
    expect(api?.saturated).toBe(false);
    expect(api?.rateLimited).toBeGreaterThan(0);
    expect(describeLoad(evidence)).toMatch(
      /^api rate-limiting \(utilisation \d+\.\d %, [\d,]+ rate-limited \(429\)\)$/,
    );
  });

  it('in a run with triggers, names the 429s over the run rather than say nothing refused requests', () => {
    const scenario = {
      duration: '10s',
      services: {
        api: { replicas: 2, serviceTime: '10ms', inbound: { rateLimit: { rps: 100, burst: 20 } } },
      },
      traffic: [{ name: 'users', to: 'api', rate: 300 }],
      faults: [{ at: '8s', service: 'api', latency: '+1ms' }],
    };
    const evidence = evidenceOf(scenario, 8000);
    expect(loadBound(evidence)).toBe(false);
    expect(describeNoLoad(evidence)).toMatch(
      /^no service it calls is saturated or rejects requests before the first trigger \(busiest: api, utilisation \d+\.\d %\); over the run, api rate-limited [\d,]+ \(429\)$/,
    );
  });

  it('judges the load before the first trigger only: a fault that saturates a service later is not the load before it', () => {
    // db is fine until a 200 ms latency fault at 6 s saturates it.
    const scenario = {
      duration: '12s',
      services: {
        api: { serviceTime: '1ms', concurrency: 64, calls: [{ to: 'db', timeout: '1s' }] },
        db: { serviceTime: '5ms', concurrency: 4, queue: 16 },
      },
      traffic: [{ name: 'users', to: 'api', rate: 100 }],
      faults: [{ at: '6s', service: 'db', latency: '+200ms' }],
    };
    expect(loadBound(evidenceOf(scenario))).toBe(true);
    const before = evidenceOf(scenario, 6000);
    expect(loadBound(before)).toBe(false);
    expect(describeNoLoad(before)).toMatch(
      /^no service it calls is saturated or rejects requests before the first trigger \(busiest: /,
    );
  });

  it('counts only the services the source reaches', () => {
    // batch saturates its own service; users' api is idle.
    const evidence = evidenceOf({
      duration: '6s',
      services: {
        api: { serviceTime: '1ms' },
        jobs: { serviceTime: '20ms', replicas: 1, concurrency: 1, queue: 4 },
      },
      traffic: [
        { name: 'users', to: 'api', rate: 10 },
        { name: 'batch', to: 'jobs', rate: 200 },
      ],
    });
    expect(evidence.overloaded).toEqual([]);
    expect(evidence.busiest?.service).toBe('api');
  });

  it('counts nodes and proxies saturated over the run as overload over a whole run, and says them apart before a trigger', () => {
    const evidence = evidenceOf({
      duration: '10s',
      services: {
        api: { replicas: 4, serviceTime: '5ms', calls: [{ to: 'db', timeout: '10ms' }] },
        db: { replicas: 4, serviceTime: '50ms' },
      },
      traffic: [{ name: 'users', to: 'api', rate: 10 }],
    });
    const resources = {
      nodes: [{ node: 'c1/a/node-1', cores: 1, utilisation: 0.95 }],
      proxies: [],
      appCpuWaitMs: 3000,
      proxyCpuWaitMs: 0,
    };
    const whole = { ...evidence, resources };
    expect(loadBound(evidence)).toBe(false);
    expect(loadBound(whole)).toBe(true);
    expect(describeLoad(whole)).toBe(
      'node c1/a/node-1 CPU saturated (95.0 % busy); on every node together, applications waited 3 s for a core (summed over tasks)',
    );
    // Judged before the first trigger, the run's figures cannot be placed there: not the load, but named.
    const before = { ...whole, beforeTrigger: true };
    expect(loadBound(before)).toBe(false);
    expect(describeNoLoad(before)).toMatch(
      /^no service it calls is saturated or rejects requests before the first trigger \(busiest: db, utilisation \d\.\d %\); over the run, node c1\/a\/node-1 CPU saturated \(95\.0 % busy\)/,
    );
    // With requests refused over the run too: one clause over the run, the refusals then the resources.
    const refused = { ...before, refusedOverRun: [{ service: 'api', rateLimited: 2053, shed: 0 }] };
    expect(describeNoLoad(refused)).toMatch(
      /\); over the run, api rate-limited 2,053 \(429\), node c1\/a\/node-1 CPU saturated \(95\.0 % busy\); on every node together, applications waited 3 s for a core \(summed over tasks\)$/,
    );
    expect(describeNoLoad(refused).split('over the run')).toHaveLength(2);
  });
});
