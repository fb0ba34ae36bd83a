// Istio VirtualService → call policies (timeout, retries, fault, mirror), subset weights and class routes.

import { describe, expect, it } from 'vitest';

import { formatImportWarning } from '../../../src/index.js';
import {
  callTo,
  graphFragment,
  importFiles,
  kubernetesApp,
  serviceOf,
  warningsWith,
} from '../../__helpers__/fixtures.js';

const APP = kubernetesApp(['frontend', 'reviews', 'ratings', 'shadow']);
const SUBSETS = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews }
spec:
  host: reviews
  subsets:
    - { name: v1, labels: { version: v1 } }
    - { name: v2, labels: { version: v2 } }
`;

function withVs(vs: string, extra = ''): ReturnType<typeof importFiles> {
  return importFiles(
    {
      'app.yaml': APP,
      'dr.yaml': SUBSETS + extra,
      'vs.yaml': vs,
      'graph.yaml': graphFragment(['reviews', 'ratings']),
    },
    { graph: 'graph.yaml' },
  );
}

const HEAD = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: vs }\nspec:\n';

describe('importVirtualService', () => {
  it("puts the timeout and retries on every call to the host; Istio's attempts count retries, meshsim's tries", () => {
    const imported = withVs(
      `${HEAD}  hosts: [ratings]\n  http:\n    - route: [ { destination: { host: ratings } } ]\n      timeout: 1.5s\n      retries: { attempts: 2, perTryTimeout: 400ms, retryOn: "5xx,refused-stream,503", backoff: 50ms }\n`,
    );
    expect(callTo(imported, 'frontend', 'ratings')).toEqual({
      to: 'ratings',
      timeout: '1.5s',
      retry: {
        attempts: 3,
        retryOn: ['5xx', 'overflow'],
        perTryTimeout: '400ms',
        backoff: { base: '50ms' },
      },
    });
  });

  it("takes Istio's default conditions when retryOn is absent, and attempts 0 as no retries", () => {
    const defaults = withVs(`${HEAD}  hosts: [ratings]\n  http:\n    - retries: { attempts: 1 }\n`);
    expect(callTo(defaults, 'frontend', 'ratings')?.['retry']).toEqual({
      attempts: 2,
      retryOn: ['connect-failure'],
    });
    const none = withVs(`${HEAD}  hosts: [ratings]\n  http:\n    - retries: { attempts: 0 }\n`);
    expect(callTo(none, 'frontend', 'ratings')?.['retry']).toEqual({ attempts: 1 });
  });

  it("tells a field Istio's API does not have (a typo) from one Istio has and meshsim does not model", () => {
    const imported = withVs(
      `${HEAD}  hosts: [ratings]\n  http:\n    - retires: { attempts: 5 }\n      retries: { attempts: 1, perTrytimeout: 1s }\n      corsPolicy: { allowOrigins: [ { exact: x } ] }\n      constructor: 1\n`,
    );
    expect(
      warningsWith(imported.warnings, 'spec.http[0].retires: unknown field (did you mean "retries"?)'),
    ).toHaveLength(1);
    expect(
      warningsWith(
        imported.warnings,
        'spec.http[0].retries.perTrytimeout: unknown field (did you mean "perTryTimeout"?): Istio\'s HTTPRetry has no such field',
      ),
    ).toHaveLength(1);
    expect(
      warningsWith(imported.warnings, "spec.http[0].constructor: unknown field: Istio's HTTPRoute"),
    ).toHaveLength(1);
    expect(
      warningsWith(imported.warnings, 'spec.http[0].corsPolicy: not modelled by meshsim (ignored)'),
    ).toHaveLength(1);
    expect(warningsWith(imported.warnings, 'not modelled by meshsim')).toHaveLength(1);
    expect(callTo(imported, 'frontend', 'ratings')?.['retry']).toEqual({
      attempts: 2,
      retryOn: ['connect-failure'],
    });
  });

  it('reports retry conditions meshsim does not model', () => {
    const imported = withVs(
      `${HEAD}  hosts: [ratings]\n  http:\n    - retries: { attempts: 2, retryOn: "retriable-4xx,unavailable,gateway-error" }\n`,
    );
    expect(callTo(imported, 'frontend', 'ratings')?.['retry']).toEqual({
      attempts: 3,
      retryOn: ['gateway-error'],
    });
    expect(warningsWith(imported.warnings, 'retryOn: not modelled: retriable-4xx, unavailable')).toHaveLength(
      1,
    );
  });

  it('a duration written as a bare number is not read as milliseconds or seconds: the API server refuses it', () => {
    const imported = withVs(`${HEAD}  hosts: [ratings]\n  http:\n    - timeout: 2\n`);
    expect(callTo(imported, 'frontend', 'ratings')?.['timeout']).toBeUndefined();
    expect(
      warningsWith(
        imported.warnings,
        'spec.http[0].timeout: not a duration (2: a number without a unit; write "2s" or "2ms"): the resource\'s schema takes a string',
      ),
    ).toHaveLength(1);
  });

  it('does not import a duration under 1 ms, 0s included, which Istio refuses, and says what applies instead', () => {
    const imported = withVs(
      `${HEAD}  hosts: [ratings]\n  http:\n    - timeout: 0s\n      retries: { attempts: 2, perTryTimeout: 500us, backoff: 0s }\n`,
    );
    expect(callTo(imported, 'frontend', 'ratings')).toEqual({
      to: 'ratings',
      retry: { attempts: 3, retryOn: ['connect-failure'] },
    });
    const refused =
      'which Istio refuses ("must be a valid duration greater than 1ms"), so the API server rejects the VirtualService; not imported';
    expect(
      warningsWith(
        imported.warnings,
        `spec.http[0].timeout: 0s is shorter than 1ms, ${refused} (no route timeout, Istio's default)`,
      ),
    ).toHaveLength(1);
    expect(
      warningsWith(
        imported.warnings,
        `spec.http[0].retries.perTryTimeout: 500us is shorter than 1ms, ${refused} (each try is bounded by the route's timeout only, Istio's default)`,
      ),
    ).toHaveLength(1);
    expect(
      warningsWith(
        imported.warnings,
        `spec.http[0].retries.backoff: 0s is shorter than 1ms, ${refused} (Envoy's default base of 25ms applies)`,
      ),
    ).toHaveLength(1);
  });

  it('does not inject a fault delay under 1 ms, which Istio refuses', () => {
    const imported = withVs(
      `${HEAD}  hosts: [ratings]\n  http:\n    - fault: { delay: { percentage: { value: 10 }, fixedDelay: 0s } }\n`,
    );
    expect(callTo(imported, 'frontend', 'ratings')?.['faultInjection']).toBeUndefined();
    expect(
      warningsWith(
        imported.warnings,
        'spec.http[0].fault.delay.fixedDelay: 0s is shorter than 1ms, which Istio refuses',
      ),
    ).toHaveLength(1);
  });

  it('says which retryOn entries Istio refuses (padded, unknown), and imports them as meant', () => {
    const imported = withVs(
      `${HEAD}  hosts: [ratings]\n  http:\n    - retries: { attempts: 2, retryOn: "gateway-error, 503 ,bogus,cancelled" }\n`,
    );
    expect(callTo(imported, 'frontend', 'ratings')?.['retry']).toEqual({
      attempts: 3,
      retryOn: ['gateway-error', 'overflow'],
    });
    expect(
      warningsWith(
        imported.warnings,
        `retryOn: Istio's validation refuses " 503 ", "bogus" (retryOn is split at`,
      ),
    ).toHaveLength(1);
    // Only what Istio takes is "not modelled".
    expect(warningsWith(imported.warnings, 'retryOn: not modelled: cancelled (')).toHaveLength(1);
  });

  it('keeps the per-try timeout of retries on conditions meshsim does not model: Envoy times every try', () => {
    const imported = withVs(
      `${HEAD}  hosts: [ratings]\n  http:\n    - retries: { attempts: 2, perTryTimeout: 1.5s, retryOn: retriable-status-codes, backoff: 100ms }\n`,
    );
    expect(callTo(imported, 'frontend', 'ratings')?.['retry']).toEqual({
      attempts: 1,
      perTryTimeout: '1.5s',
    });
    expect(
      warningsWith(
        imported.warnings,
        'spec.http[0].retries.retryOn: none of these conditions is modelled; imported as no retries, keeping perTryTimeout 1.5s',
      ),
    ).toHaveLength(1);
    expect(
      warningsWith(imported.warnings, 'spec.http[0].retries.backoff: not imported, as the retries are not'),
    ).toHaveLength(1);
    expect(warningsWith(imported.warnings, 'not modelled by meshsim')).toEqual([]);
  });

  it('warns that the other retry fields have no effect with attempts 0 (or none)', () => {
    const zero = withVs(
      `${HEAD}  hosts: [ratings]\n  http:\n    - retries: { attempts: 0, perTryTimeout: 300ms, retryOn: 5xx }\n`,
    );
    expect(callTo(zero, 'frontend', 'ratings')?.['retry']).toEqual({ attempts: 1 });
    expect(
      warningsWith(
        zero.warnings,
        'spec.http[0].retries.attempts: attempts 0 disables retries, so perTryTimeout, retryOn have no effect',
      ),
    ).toHaveLength(1);
    const none = withVs(`${HEAD}  hosts: [ratings]\n  http:\n    - retries: { backoff: 20ms }\n`);
    expect(callTo(none, 'frontend', 'ratings')?.['retry']).toEqual({ attempts: 1 });
    expect(
      warningsWith(
        none.warnings,
        'spec.http[0].retries: no attempts (0) disables retries, so backoff has no effect',
      ),
    ).toHaveLength(1);
  });

  it.each([
    [
      'a quoted attempts',
      '"3"',
      'Istio\'s attempts is an integer (int32): the API server refuses "3" (write it without quotes), so this VirtualService would not be applied; not imported (retries are disabled, as with attempts 0)',
    ],
    [
      'a fractional attempts',
      '2.5',
      "Istio's attempts is an integer (int32): the API server refuses 2.5, so this VirtualService would not be applied",
    ],
    [
      'a negative attempts',
      '-1',
      'Istio refuses -1 (its validation: "attempts cannot be negative"), so this VirtualService would not be applied',
    ],
  ])(
    'does not import %s, which Istio refuses, and warns that the fields beside it have no effect',
    (_what, attempts, refusal) => {
      const imported = withVs(
        `${HEAD}  hosts: [ratings]\n  http:\n    - retries:\n        attempts: ${attempts}\n        perTryTimeout: 2m\n        retryOn: 5xx\n        retryRemoteLocalities: true\n`,
      );
      expect(callTo(imported, 'frontend', 'ratings')?.['retry']).toEqual({ attempts: 1 });
      expect(
        warningsWith(
          imported.warnings,
          `vs.yaml:8:9: VirtualService/vs (document 1): spec.http[0].retries.attempts: ${refusal}`,
        ),
      ).toHaveLength(1);
      expect(
        warningsWith(
          imported.warnings,
          'vs.yaml:8:9: VirtualService/vs (document 1): spec.http[0].retries.attempts: with attempts not imported, retries are disabled, so perTryTimeout, retryOn, retryRemoteLocalities have no effect; imported as no retries',
        ),
      ).toHaveLength(1);
      expect(imported.warnings.filter((warning) => warning.file === 'vs.yaml')).toHaveLength(2);
    },
  );

  it("warns when the per-try timeout is not shorter than the route's timeout, which covers every try", () => {
    const imported = withVs(
      `${HEAD}  hosts: [ratings, reviews]\n  http:\n    - timeout: 200ms\n      retries: { attempts: 2, perTryTimeout: 500ms }\n`,
    );
    expect(
      warningsWith(
        imported.warnings,
        "vs.yaml:8:31: VirtualService/vs (document 1): spec.http[0].retries.perTryTimeout: 500ms is not shorter than the route's timeout (200ms)",
      ),
    ).toHaveLength(1);
    expect(callTo(imported, 'frontend', 'ratings')).toMatchObject({
      timeout: '200ms',
      retry: { perTryTimeout: '500ms' },
    });
    const equal = withVs(
      `${HEAD}  hosts: [ratings]\n  http:\n    - timeout: 1s\n      retries: { attempts: 2, perTryTimeout: 1000ms }\n`,
    );
    expect(warningsWith(equal.warnings, "is not shorter than the route's timeout")).toHaveLength(1);
    const shorter = withVs(
      `${HEAD}  hosts: [ratings]\n  http:\n    - timeout: 1s\n      retries: { attempts: 2, perTryTimeout: 300ms }\n`,
    );
    expect(warningsWith(shorter.warnings, 'perTryTimeout')).toEqual([]);
  });

  it('maps fault injection (status 500/503, others as 500) and drops timeout and retries on that route', () => {
    const imported = withVs(
      `${HEAD}  hosts: [ratings]\n  http:\n    - fault:\n        delay: { percentage: { value: 10 }, fixedDelay: 5s }\n        abort: { percentage: { value: 2.5 }, httpStatus: 418 }\n      timeout: 1s\n`,
    );
    expect(callTo(imported, 'frontend', 'ratings')).toEqual({
      to: 'ratings',
      faultInjection: { delay: { percent: 10, fixed: '5s' }, abort: { percent: 2.5, status: 500 } },
    });
    expect(warningsWith(imported.warnings, '418 is imported as 500')).toHaveLength(1);
    expect(
      warningsWith(
        imported.warnings,
        'Istio does not enable timeouts or retries on a route with fault injection',
      ),
    ).toHaveLength(1);
  });

  it('does not import a fault without a percentage (Istio injects none)', () => {
    const imported = withVs(
      `${HEAD}  hosts: [ratings]\n  http:\n    - fault: { abort: { grpcStatus: UNAVAILABLE } }\n`,
    );
    expect(callTo(imported, 'frontend', 'ratings')).toEqual({ to: 'ratings' });
    expect(warningsWith(imported.warnings, 'no percentage: Istio aborts no request')).toHaveLength(1);
  });

  it('maps mirror and mirrorPercentage (a subset of the mirror target is reported)', () => {
    const imported = withVs(
      `${HEAD}  hosts: [ratings]\n  http:\n    - route: [ { destination: { host: ratings } } ]\n      mirror: { host: shadow, subset: canary }\n      mirrorPercentage: { value: 12.5 }\n`,
    );
    expect(callTo(imported, 'frontend', 'ratings')?.['mirror']).toEqual({ to: 'shadow', percent: 12.5 });
    expect(warningsWith(imported.warnings, 'subset "canary" is ignored')).toHaveLength(1);
  });

  it('does not import fault and mirror percentages Istio refuses (quoted, above 100), saying what applies', () => {
    const imported = withVs(
      `${HEAD}  hosts: [ratings]\n  http:\n    - fault:\n        delay: { percentage: { value: "10" }, fixedDelay: 5s }\n        abort: { percentage: { value: 150 }, httpStatus: 503 }\n    - route: [ { destination: { host: ratings } } ]\n`,
    );
    expect(callTo(imported, 'frontend', 'ratings')).toEqual({ to: 'ratings' });
    expect(
      warningsWith(
        imported.warnings,
        'spec.http[0].fault.delay.percentage.value: Istio\'s percentage.value is a number (double): the API server refuses "10" (write it without quotes), so this VirtualService would not be applied; not imported (no request is delayed, as without a percentage)',
      ),
    ).toHaveLength(1);
    expect(
      warningsWith(
        imported.warnings,
        'spec.http[0].fault.abort.percentage.value: Istio refuses 150 (its validation: "percentage 150 is neither 0.0, nor in range [0.0001, 100.0]"), so this VirtualService would not be applied; not imported (no request is aborted, as without a percentage)',
      ),
    ).toHaveLength(1);
    expect(warningsWith(imported.warnings, 'no percentage')).toEqual([]);

    const mirrored = withVs(
      `${HEAD}  hosts: [ratings]\n  http:\n    - route: [ { destination: { host: ratings } } ]\n      mirror: { host: shadow }\n      mirrorPercentage: { value: 150 }\n`,
    );
    expect(callTo(mirrored, 'frontend', 'ratings')?.['mirror']).toEqual({ to: 'shadow' });
    expect(
      warningsWith(
        mirrored.warnings,
        'spec.http[0].mirrorPercentage.value: Istio refuses 150 (its validation: "mirror_percentage must have a max value of 100 (it has 150.000000)"), so this VirtualService would not be applied; not imported (every request is mirrored, as without a percentage)',
      ),
    ).toHaveLength(1);
  });

  it('turns subset weights into version weights and exact header matches into class routes', () => {
    const imported = withVs(
      `${HEAD}  hosts: [reviews]\n  http:\n    - match: [ { headers: { end-user: { exact: jason } } } ]\n      route: [ { destination: { host: reviews, subset: v2 } } ]\n    - route:\n        - { destination: { host: reviews, subset: v1 }, weight: 75 }\n        - { destination: { host: reviews, subset: v2 }, weight: 25 }\n`,
    );
    expect(serviceOf(imported, 'reviews')['versions']).toEqual([
      { name: 'v1', replicas: 2, weight: 75 },
      { name: 'v2', replicas: 1, weight: 25 },
    ]);
    expect(serviceOf(imported, 'reviews')['routes']).toEqual([
      { match: { requestClass: 'end-user=jason' }, version: 'v2' },
    ]);
    expect(
      warningsWith(
        imported.warnings,
        'routes request classes "end-user=jason" (from header matches), which no traffic source sends',
      ),
    ).toHaveLength(1);
  });

  it('reads weights as relative (Istio: weight/Σweights), as percentages to 0.01 %, with a note', () => {
    const imported = withVs(
      `${HEAD}  hosts: [reviews]\n  http:\n    - route:\n        - { destination: { host: reviews, subset: v1 }, weight: 80 }\n        - { destination: { host: reviews, subset: v2 }, weight: 30 }\n`,
    );
    expect(serviceOf(imported, 'reviews')['versions']).toEqual([
      { name: 'v1', replicas: 2, weight: 72.73 },
      { name: 'v2', replicas: 1, weight: 27.27 },
    ]);
    const notes = imported.warnings.filter((warning) => warning.severity === 'note');
    expect(notes.map(formatImportWarning)).toEqual([
      'vs.yaml:7:7: VirtualService/vs (document 1): spec.http[0].route: the weights add up to 110, not 100: Istio sends a destination weight/110 of the requests (weights are relative), so the subsets get v1 72.73 %, v2 27.27 % of the requests (to 0.01 %)',
    ]);
    expect(imported.warnings.filter((warning) => warning.message.includes('weight'))).toEqual(notes);
  });

  it('sends every request to a single destination, whatever its weight', () => {
    const imported = withVs(
      `${HEAD}  hosts: [reviews]\n  http:\n    - route: [ { destination: { host: reviews, subset: v2 }, weight: 30 } ]\n`,
    );
    expect(serviceOf(imported, 'reviews')['versions']).toEqual([
      { name: 'v1', replicas: 2, weight: 0 },
      { name: 'v2', replicas: 1, weight: 100 },
    ]);
    expect(warningsWith(imported.warnings, 'weight')).toEqual([]);
  });

  it.each([
    ['a negative weight', '-10', '110', 'spec.http[0].route[0].weight: Istio refuses a negative weight'],
    [
      'a fractional weight',
      '12.5',
      '87.5',
      "spec.http[0].route[0].weight: Istio's weight is an integer (int32)",
    ],
    [
      'a quoted weight (a string, not 0)',
      '"50"',
      '50',
      'spec.http[0].route[0].weight: Istio\'s weight is an integer (int32): the API server refuses "50" (write it without quotes)',
    ],
    [
      'weights adding up to 0',
      '0',
      '0',
      'spec.http[0].route: the weights add up to 0: Istio refuses such a route',
    ],
  ])('does not import what Istio refuses: %s', (_what, first, second, warning) => {
    const imported = withVs(
      `${HEAD}  hosts: [reviews]\n  http:\n    - route:\n        - { destination: { host: reviews, subset: v1 }, weight: ${first} }\n        - { destination: { host: reviews, subset: v2 }, weight: ${second} }\n`,
    );
    expect(serviceOf(imported, 'reviews')['versions']).toEqual([
      { name: 'v1', replicas: 2 },
      { name: 'v2', replicas: 1 },
    ]);
    expect(warningsWith(imported.warnings, warning)).toHaveLength(1);
    expect(imported.warnings.filter((w) => w.severity === 'note')).toEqual([]);
  });

  it('does not import routes on other matches, or destinations of another service', () => {
    const imported = withVs(
      `${HEAD}  hosts: [reviews]\n  http:\n    - match: [ { uri: { prefix: /api } } ]\n      route: [ { destination: { host: ratings } } ]\n    - route: [ { destination: { host: ratings } } ]\n`,
    );
    expect(warningsWith(imported.warnings, 'spec.http[0].match: matches on uri')).toHaveLength(1);
    expect(
      warningsWith(imported.warnings, 'routes calls for "reviews" to another service ("ratings")'),
    ).toHaveLength(1);
  });

  it('warns naming the resource and the host when a host is not in the graph', () => {
    const imported = withVs(
      `${HEAD}  hosts: [payments.shop.svc.cluster.local]\n  http:\n    - timeout: 1s\n`,
    );
    expect(
      warningsWith(
        imported.warnings,
        'VirtualService/vs (document 1): spec.hosts[0]: host "payments.shop.svc.cluster.local" (service "payments" in namespace shop) is not in the graph',
      ),
    ).toHaveLength(1);
  });

  it("says when the host's service is in the graph in another namespace, and how to fix the graph", () => {
    const imported = importFiles(
      {
        'vs.yaml':
          'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: orders, namespace: shop }\nspec:\n  hosts: [orders]\n  http:\n    - timeout: 1s\n',
        'graph.yaml': graphFragment(['orders']),
      },
      { graph: 'graph.yaml' },
    );
    expect(
      warningsWith(
        imported.warnings,
        'VirtualService/orders (document 1): spec.hosts[0]: host "orders" names service "orders" in namespace shop, but the graph\'s service "orders" is in namespace default (a --graph service without `namespace:` is in default): add `namespace: shop` to it in the graph; its rules are not imported',
      ),
    ).toHaveLength(1);
  });

  describe('several VirtualServices for one host', () => {
    /** A VirtualService named `name` in `namespace` for `host`, with a route policy and an optional creation time. */
    function vs(name: string, namespace: string, host: string, route: string, created?: string): string {
      const time = created === undefined ? '' : `, creationTimestamp: "${created}"`;
      return `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: ${name}, namespace: ${namespace}${time} }\nspec:\n  hosts: [${host}]\n  http:\n    - ${route}\n`;
    }

    it("uses one of them whole, as Istio's sidecars do (the oldest, then by name and namespace), not a merge", () => {
      const imported = withVs(
        [
          vs('ratings-b', 'default', 'ratings', 'timeout: 3s'),
          vs(
            'ratings-a',
            'default',
            'ratings.default.svc.cluster.local',
            'retries: { attempts: 1, retryOn: 5xx }',
          ),
          vs('ratings-c', 'other', 'ratings.default.svc.cluster.local', 'timeout: 7s'),
        ].join('---\n'),
      );
      expect(callTo(imported, 'frontend', 'ratings')).toEqual({
        to: 'ratings',
        retry: { attempts: 2, retryOn: ['5xx'] },
      });
      for (const [document, ignored] of [
        [1, 'ratings-b'],
        [3, 'ratings-c'],
      ] as const) {
        expect(
          warningsWith(
            imported.warnings,
            `VirtualService/${ignored} (document ${String(document)}): spec.hosts[0]: VirtualService/ratings-a (namespace default, vs.yaml#2) also routes "ratings"; Istio's sidecars use one VirtualService per host`,
          ),
        ).toHaveLength(1);
      }
      expect(warningsWith(imported.warnings, 'is already set to')).toEqual([]);
    });

    it('prefers the one created first when the resources carry creationTimestamp (a live export)', () => {
      const imported = withVs(
        [
          vs('ratings-b', 'default', 'ratings', 'timeout: 3s', '2024-05-01T10:00:00Z'),
          vs('ratings-a', 'default', 'ratings', 'timeout: 1s', '2024-05-01T10:00:01Z'),
        ].join('---\n'),
      );
      expect(callTo(imported, 'frontend', 'ratings')).toEqual({ to: 'ratings', timeout: '3s' });
      expect(
        warningsWith(
          imported.warnings,
          'VirtualService/ratings-a (document 2): spec.hosts[0]: VirtualService/ratings-b',
        ),
      ).toHaveLength(1);
    });

    it('leaves a VirtualService bound to gateways only out of the choice', () => {
      const imported = withVs(
        [
          vs('ratings-a', 'default', 'ratings', 'timeout: 3s').replace(
            '  http:',
            '  gateways: [ingress]\n  http:',
          ),
          vs('ratings-b', 'default', 'ratings', 'timeout: 1s'),
        ].join('---\n'),
      );
      expect(callTo(imported, 'frontend', 'ratings')).toEqual({ to: 'ratings', timeout: '1s' });
      expect(warningsWith(imported.warnings, 'also routes')).toEqual([]);
    });
  });

  it('does not import a VirtualService bound to gateways only', () => {
    const imported = withVs(`${HEAD}  hosts: [ratings]\n  gateways: [ingress]\n  http:\n    - timeout: 1s\n`);
    expect(callTo(imported, 'frontend', 'ratings')).toEqual({ to: 'ratings' });
    expect(warningsWith(imported.warnings, 'applies to gateways only')).toHaveLength(1);
  });
});
