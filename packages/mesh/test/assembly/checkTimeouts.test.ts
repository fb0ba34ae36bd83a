// A call whose timeout is under half its callee's mean service time is warned of (most of its calls time out: often
// `timeout: 1` meant as a second); a timeout at or above half the mean, or none, is not. A call that writes retries
// but no timeout at all is warned of too (its policy replaces the mesh's default, timeout included), and so is a
// per-try timeout not shorter than the timeout (the timeout covers every try: the per-try one never takes effect).

import { describe, expect, it } from 'vitest';

import { NO_POLICY, meshShapeNames, resolveMeshConfig, simulate, staticWarnings } from '../../src/index.js';
import type { CallPolicy, ScenarioFieldPath, ServiceConfig, SimulationConfig } from '../../src/index.js';
import { call, config, poisson, policy, service } from '../__helpers__/configs.js';

function warningsWith(timeoutMs: number, perTryTimeoutMs = Infinity): string[] {
  const services = [
    service('web', { calls: [[call('db', policy(timeoutMs, 1, perTryTimeoutMs))]] }),
    // Mean 5 ms.
    service('db'),
  ];
  return simulate(config(services, [poisson('web', 20)], { durationMs: 500 })).warnings.filter((w) =>
    w.startsWith('web → db'),
  );
}

describe('checkTimeouts', () => {
  it('warns of a timeout under half the callee’s mean service time, naming both', () => {
    expect(warningsWith(1)).toEqual([
      "web → db: its timeout (1 ms) is under half of db's mean service time (5 ms), so most calls time out before db can answer",
    ]);
  });

  it('names the per-try timeout when it is the shorter one', () => {
    expect(warningsWith(1000, 2)[0]).toMatch(/^web → db: its per-try timeout \(2 ms\) is under half/);
  });

  it('says nothing from half the mean up, or without a timeout', () => {
    expect(warningsWith(2.5)).toEqual([]);
    expect(warningsWith(Infinity)).toEqual([]);
  });

  it('points at the timeout field, or at the perTryTimeout field for a per-try timeout', () => {
    const services = [
      service('web', { calls: [[call('db', policy(1))], [call('db', policy(1000, 1, 2)), call('db')]] }),
      service('db'),
    ];
    const paths = staticWarnings(config(services, [poisson('web', 20)]))
      .filter((w) => w.message.startsWith('web → db'))
      .map((w) => w.path);
    expect(paths).toEqual([
      ['services', 'web', 'calls', 0, 'timeout'],
      ['services', 'web', 'calls', 1, 'parallel', 0, 'perTryTimeout'],
    ]);
  });
});

describe('checkTimeouts: retries without a timeout', () => {
  /** The warnings about web → db of a call with `written` (policySet) or none, under `shape`. */
  function retryWarnings(written: CallPolicy | undefined, shape = 'none'): string[] {
    const services = [service('web', { calls: [[call('db', written)]] }), service('db')];
    return staticWarnings(config(services, [poisson('web', 20)], { shape }))
      .map((w) => w.message)
      .filter((m) => m.startsWith('web → db'));
  }
  const retriesOnly: CallPolicy = { ...policy(Infinity, 3), timeoutMs: Infinity };

  it('warns of a call that retries with neither a timeout nor a per-try timeout, pointing at its retry', () => {
    expect(retryWarnings(retriesOnly)).toEqual([
      'web → db: it retries (3 attempts) but has neither a timeout nor a perTryTimeout, so a slow or hung attempt is ' +
        'waited for as long as it takes and never retried (set perTryTimeout or timeout)',
    ]);
    const services = [service('web', { calls: [[call('db', retriesOnly)]] }), service('db')];
    const [warning] = staticWarnings(config(services, [poisson('web', 20)]));
    expect(warning?.path).toEqual(['services', 'web', 'calls', 0, 'retry']);
  });

  it("says the shape's default timeout does not apply where the shape has one (app-mesh, consul: 15 s)", () => {
    expect(retryWarnings(retriesOnly, 'consul')[0]).toMatch(
      /; the 15,000 ms timeout of mesh shape consul's defaultPolicy does not apply to a call that writes its own policy$/,
    );
  });

  it('says nothing with a timeout or a per-try timeout, without retries, or when the call writes no policy', () => {
    expect(retryWarnings(policy(1000, 3))).toEqual([]);
    expect(retryWarnings(policy(Infinity, 3, 200))).toEqual([]);
    expect(retryWarnings(policy(Infinity, 1))).toEqual([]);
    // Istio's default policy retries without a timeout; it is the mesh's, not the scenario's.
    expect(retryWarnings(undefined, 'istio-sidecar')).toEqual([]);
    expect(retryWarnings(NO_POLICY)).toEqual([]);
  });
});

describe('checkTimeouts: a per-try timeout not shorter than the timeout', () => {
  /** The static warnings about a per-try timeout, with their paths. */
  function perTryWarnings(cfg: SimulationConfig): [string, ScenarioFieldPath | undefined][] {
    return staticWarnings(cfg)
      .filter((w) => w.message.includes('its perTryTimeout'))
      .map((w) => [w.message, w.path]);
  }
  const services = (written: CallPolicy): ServiceConfig[] => [
    service('web', { calls: [[call('db', written)]] }),
    service('db'),
  ];

  it('warns at the call’s perTryTimeout: the timeout covers every try, so the per-try one never takes effect', () => {
    expect(perTryWarnings(config(services(policy(1000, 3, 2000)), [poisson('web', 20)]))).toEqual([
      [
        "web → db: its perTryTimeout (2,000 ms) is not shorter than its timeout (1,000 ms): the timeout covers every try, as Envoy's route timeout does, so the call times out first and the per-try timeout never takes effect (no try is cut short and retried); set perTryTimeout below timeout, or leave it out",
        ['services', 'web', 'calls', 0, 'perTryTimeout'],
      ],
    ]);
    // Equal: the overall timeout fires first at a tie. Without retries, nothing to say of retries.
    const equal = perTryWarnings(config(services(policy(1000, 1, 1000)), [poisson('web', 20)])).map(
      ([m]) => m,
    );
    expect(equal).toHaveLength(1);
    expect(equal[0]).toMatch(
      /\(1,000 ms\) is not shorter than its timeout \(1,000 ms\).*never takes effect; set/,
    );
  });

  it("warns of a traffic source's own policy and of a written mesh.defaultPolicy, at their perTryTimeout", () => {
    const source = poisson('web', 20, policy(500, 2, 600), 'shoppers');
    const mesh = resolveMeshConfig({ shape: 'istio-sidecar', defaultPolicy: policy(1000, 3, 1000) });
    const warnings = perTryWarnings(config(services(NO_POLICY), [source], { mesh }));
    expect(warnings.map(([message, path]) => [message.slice(0, message.indexOf(':')), path])).toEqual([
      ["mesh shape istio-sidecar's defaultPolicy", ['mesh', 'defaultPolicy', 'perTryTimeout']],
      ['shoppers → web', ['traffic', 0, 'perTryTimeout']],
    ]);
  });

  it('says nothing of a shorter per-try timeout, or when either is infinite (none written)', () => {
    const quiet = (written: CallPolicy): void =>
      expect(perTryWarnings(config(services(written), [poisson('web', 20)]))).toEqual([]);
    quiet(policy(1000, 3, 999));
    quiet(policy(Infinity, 3, 2000));
    quiet(policy(1000, 3, Infinity));
    // No shape's own default policy has one.
    for (const shape of meshShapeNames())
      expect(perTryWarnings(config(services(NO_POLICY), [poisson('web', 20)], { shape }))).toEqual([]);
  });
});
