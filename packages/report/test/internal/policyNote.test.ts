// The comparison's note when shapes apply different policies: the added latency then includes those policies'
// effect. It reads the runs' "not applied" warnings, which start with the policy's name.

import { simulate } from '@meshsim/mesh';
import { resolveScenario } from '@meshsim/scenario';
import { describe, expect, it } from 'vitest';

import { summarizeComparison } from '../../src/index.js';
import { policyNote, unappliedPolicies } from '../../src/internal/policyNote.js';

/** Two services; `orders` has an Envoy connection pool and outlier detection, which `none` cannot enforce. */
function compare(shapes: readonly string[], withPolicies: boolean) {
  const results = shapes.map((mesh) =>
    simulate(
      resolveScenario({
        name: 'policies',
        duration: '300ms',
        mesh,
        services: {
          api: { serviceTime: '1ms', calls: [{ to: 'orders' }] },
          orders: {
            serviceTime: '1ms',
            ...(withPolicies && {
              destinationPolicy: {
                connectionPool: { maxRetries: 3 },
                outlierDetection: { consecutive5xx: 3 },
              },
            }),
          },
        },
        traffic: [{ to: 'api', rate: '100/s' }],
      }),
    ),
  );
  return summarizeComparison(results);
}

describe('policyNote', () => {
  it("names what each shape leaves out when the shapes' policies differ", () => {
    const note = policyNote(compare(['none', 'istio-sidecar'], true));
    expect(note).toContain(
      'The shapes do not apply the same policies (none leaves out connection-pool, outlier-detection;',
    );
    expect(note).toContain("not only the proxies' cost");
  });

  it('says nothing when every shape applies the same policies', () => {
    expect(policyNote(compare(['none', 'istio-sidecar'], false))).toBeNull();
    expect(policyNote(compare(['istio-sidecar', 'linkerd'], false))).toBeNull();
  });

  it('reads only "not applied" warnings that start with a policy name', () => {
    expect(
      unappliedPolicies([
        'retry: retries on calls from "a" to "b" not applied under mesh shape "x" (the caller\'s y hop cannot enforce it)',
        'traffic-split: version weights of service "b" ignored for caller "a" under mesh shape "none"',
        'fault latency on db starts at 20 s, at or after the end of the run: not applied',
        'outlier-detection for calls to "orders" can never eject a host',
        // As compare prints it: placed at the file's line and field.
        'shop.yaml:5:3: services.api.destinationPolicy.connectionPool: connection-pool on service "api" is not enforced: the none mesh shape enforces it at an application hop, which cannot; the policy is not applied',
      ]),
    ).toEqual(['retry', 'connection-pool', 'traffic-split']);
  });

  it("counts a written default policy a shape does not run (--mesh none on an Istio scenario's defaultPolicy)", () => {
    const dropped =
      "dp.yaml:5:3: mesh.defaultPolicy: the mesh's default policy is not applied under none: no hop there runs it, so " +
      "a call that sets no timeout or retry has none (write the applications' own on the calls)";
    expect(unappliedPolicies([dropped])).toEqual(['mesh.defaultPolicy']);
    const summary = compare(['none', 'istio-sidecar'], false);
    const [none] = summary.shapes;
    if (none === undefined) throw new Error('two shapes');
    none.warnings = [...none.warnings, dropped];
    expect(policyNote(summary)).toContain('(none leaves out mesh.defaultPolicy; see the warnings)');
  });
});
