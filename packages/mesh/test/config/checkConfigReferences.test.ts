// A config built in code that refers to a service it does not define is refused before the run, naming the
// field path, the name and the services there are (a scenario file gets the same check, with line numbers).

import { describe, expect, it } from 'vitest';

import { DEFAULT_CLUSTERS, simulate } from '../../src/index.js';
import { checkConfigReferences } from '../../src/config/checkConfigReferences.js';
import { call, config, poisson, service } from '../__helpers__/configs.js';

describe('checkConfigReferences', () => {
  const chain = config([service('a', { calls: [[call('b')]] }), service('b')], [poisson('a', 10)]);

  it('accepts a config whose every reference names one of its services', () => {
    expect(() => checkConfigReferences(chain)).not.toThrow();
  });

  it('names the field path, the unknown name and the services of the first bad reference', () => {
    expect(() => checkConfigReferences({ ...chain, traffic: [poisson('nope', 10)] })).toThrow(
      'traffic[0].to: unknown service "nope" (services: a, b)',
    );
    expect(() =>
      checkConfigReferences({
        ...chain,
        services: [service('a', { calls: [[call('b'), call('c')]] }), service('b')],
      }),
    ).toThrow('services.a.calls[0][1].to: unknown service "c" (services: a, b)');
    expect(() =>
      checkConfigReferences({
        ...chain,
        services: [
          service('a', { calls: [[call('b', undefined, { mirror: { to: 'm', percent: 10 } })]] }),
          service('b'),
        ],
      }),
    ).toThrow('services.a.calls[0][0].mirror.to: unknown service "m"');
    expect(() => checkConfigReferences({ ...chain, services: [] })).toThrow(
      'traffic[0].to: unknown service "a" (the config has no services)',
    );
  });

  it('names a service whose cluster the config does not define, and the clusters there are', () => {
    expect(() =>
      checkConfigReferences({ ...chain, clusters: [{ ...DEFAULT_CLUSTERS[0]!, name: 'c' }] }),
    ).toThrow('services.a.cluster: unknown cluster "cluster-1" (clusters: c)');
  });

  it("checks a fault's service, except for a control-plane outage (which has none)", () => {
    const crash = { atMs: 0, durationMs: 10, instances: 1, effect: { kind: 'crash' as const } };
    expect(() => checkConfigReferences({ ...chain, faults: [{ ...crash, service: 'x' }] })).toThrow(
      'faults[0].service: unknown service "x"',
    );
    const outage = { ...crash, service: '', effect: { kind: 'control-plane-outage' as const } };
    expect(() => checkConfigReferences({ ...chain, faults: [outage] })).not.toThrow();
  });

  it('names the call that closes a call cycle (mirrors included)', () => {
    const loop = {
      ...chain,
      services: [service('a', { calls: [[call('b')]] }), service('b', { calls: [[call('a')]] })],
    };
    expect(() => checkConfigReferences(loop)).toThrow(
      'services.b.calls[0][0].to: call cycle a → b → a: a request would call itself forever',
    );
    const mirrored = {
      ...chain,
      services: [
        service('a', { calls: [[call('b')]] }),
        service('b', { calls: [[call('c', undefined, { mirror: { to: 'a', percent: 5 } })]] }),
        service('c'),
      ],
    };
    expect(() => checkConfigReferences(mirrored)).toThrow(
      'services.b.calls[0][0].mirror.to: call cycle a → b → a',
    );
  });

  it("refuses a traffic source named as a service: edges are keyed by caller name, so its calls would be the service's", () => {
    expect(() => checkConfigReferences({ ...chain, traffic: [poisson('b', 10, undefined, 'a')] })).toThrow(
      `traffic[0].name: "a" is also a service's name: a traffic source's name must differ from every service name, ` +
        `because edges are keyed by caller name (the source's calls would be counted as the service's)`,
    );
  });

  it('refuses two traffic sources of one name and one target (one edge), not of one name and two targets', () => {
    const twice = { ...chain, traffic: [poisson('a', 10), poisson('b', 10), poisson('a', 5)] };
    expect(() => checkConfigReferences(twice)).toThrow(
      'traffic[2].name: duplicate traffic source "client" → a (traffic[0] too): sources of one name and one target ' +
        "share one edge, keyed by caller name, so their calls would be counted as one source's; give each its own name",
    );
    expect(() =>
      checkConfigReferences({ ...chain, traffic: [poisson('a', 10), poisson('b', 10)] }),
    ).not.toThrow();
  });

  it('is what simulate() runs first', () => {
    expect(() => simulate({ ...chain, traffic: [poisson('nope', 10)] })).toThrow(
      'traffic[0].to: unknown service "nope"',
    );
  });
});
