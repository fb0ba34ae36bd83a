// The Istio inputs of a newcomer review (test/fixtures/review): each mistake or edge case it found is reported at
// its file and line, and imported as Istio would apply it.

import { describe, expect, it } from 'vitest';

import { importScenarioObject } from '../src/index.js';
import type { ImportedScenario } from '../src/index.js';
import { FIXTURES, callTo, fixture, warningsWith } from './__helpers__/fixtures.js';

/** Imports the review's Kubernetes manifests and call graph with one of its Istio files. */
function importReview(istio: string): ImportedScenario {
  return importScenarioObject([fixture('review/k8s.yaml'), fixture('review', istio)], {
    graph: fixture('review/graph.yaml'),
    relativeTo: FIXTURES,
  });
}

describe('the review inputs', () => {
  describe('fields.yaml', () => {
    const imported = importReview('fields.yaml');

    it('reports a misspelt field as unknown to Istio, with the field it resembles', () => {
      expect(
        warningsWith(
          imported.warnings,
          'review/fields.yaml:33:11: VirtualService/checkout (document 1, items[1]): spec.http[0].retires: unknown field (did you mean "retries"?)',
        ),
      ).toHaveLength(1);
      expect(warningsWith(imported.warnings, 'retires: not modelled')).toEqual([]);
    });
  });

  describe('fields.yaml: per-try timeouts', () => {
    const imported = importReview('fields.yaml');

    it("reports, at its line, each per-try timeout longer than its route's timeout", () => {
      expect(
        warningsWith(
          imported.warnings,
          "review/fields.yaml:36:13: VirtualService/checkout (document 1, items[1]): spec.http[0].retries.perTryTimeout: 500ms is not shorter than the route's timeout (200ms)",
        ),
      ).toHaveLength(1);
      expect(
        warningsWith(
          imported.warnings,
          "review/fields.yaml:45:35: VirtualService/payments (document 1, items[2]): spec.http[0].retries.perTryTimeout: 2s is not shorter than the route's timeout (500ms)",
        ),
      ).toHaveLength(1);
    });
  });

  describe('fields.yaml: values Istio refuses or reads as unset', () => {
    const imported = importReview('fields.yaml');
    const notes = imported.warnings.filter((warning) => warning.severity === 'note');

    it('does not import an outlier interval under 1 ms, which Istio refuses', () => {
      expect(
        warningsWith(
          imported.warnings,
          'review/fields.yaml:14:11: DestinationRule/checkout (document 1, items[0]): spec.trafficPolicy.outlierDetection.interval: 100us is shorter than 1ms, which Istio refuses',
        ),
      ).toHaveLength(1);
      const checkout = imported.scenario.services['checkout'] as { destinationPolicy?: object } | undefined;
      expect(checkout?.destinationPolicy).toEqual({
        outlierDetection: { successRate: false, baseEjectionTime: '5400s' },
      });
    });

    it('notes what http1MaxPendingRequests: 0 and mtls mode UNSET mean', () => {
      expect(
        warningsWith(
          notes,
          "review/fields.yaml:17:19: DestinationRule/checkout (document 1, items[0]): spec.trafficPolicy.connectionPool.http.http1MaxPendingRequests: 0 is proto3's unset value",
        ),
      ).toHaveLength(1);
      expect(
        warningsWith(
          notes,
          'review/fields.yaml:56:21: PeerAuthentication/default (document 1, items[4]): spec.mtls.mode: UNSET inherits the mode of the policy above it',
        ),
      ).toHaveLength(1);
      expect(notes).toHaveLength(2);
    });
  });

  describe('retries.yaml', () => {
    const imported = importReview('retries.yaml');

    it('keeps the per-try timeout of retries meshsim does not import, and says why the retries are not', () => {
      expect(callTo(imported, 'checkout', 'payments')?.['retry']).toEqual({
        attempts: 1,
        perTryTimeout: '1.5s',
      });
      expect(
        warningsWith(
          imported.warnings,
          'review/retries.yaml:31:52: VirtualService/payments (document 3): spec.http[0].retries.retryOn: none of these conditions is modelled; imported as no retries, keeping perTryTimeout 1.5s',
        ),
      ).toHaveLength(1);
      expect(warningsWith(imported.warnings, 'perTryTimeout: not modelled')).toEqual([]);
    });

    it('imports consecutive5xxErrors: 0 as disabled, with a note saying so', () => {
      const payments = imported.scenario.services['payments'] as {
        destinationPolicy?: { outlierDetection?: object };
      };
      expect(payments.destinationPolicy?.outlierDetection).toEqual({
        successRate: false,
        consecutive5xx: 0,
        interval: '10s',
      });
      const notes = imported.warnings.filter((warning) => warning.severity === 'note');
      expect(
        warningsWith(
          notes,
          'review/retries.yaml:21:25: DestinationRule/payments (document 2): spec.trafficPolicy.outlierDetection.consecutive5xxErrors: 0 disables ejection on consecutive 5xx in Istio',
        ),
      ).toHaveLength(1);
    });
  });

  describe('overlap.yaml', () => {
    const imported = importReview('overlap.yaml');

    it("takes the policy of the one VirtualService Istio uses for the host, and names it in the others' warnings", () => {
      // No creationTimestamp: Istio orders them by name, and "pay-other" sorts before "payments-a".
      expect(callTo(imported, 'checkout', 'payments')).toEqual({ to: 'payments', timeout: '7s' });
      for (const [line, ignored] of [
        [7, 'payments-a (document 1)'],
        [16, 'payments-b (document 2)'],
      ] as const) {
        expect(
          warningsWith(
            imported.warnings,
            `review/overlap.yaml:${String(line)}:11: VirtualService/${ignored}: spec.hosts[0]: VirtualService/pay-other (namespace other, review/overlap.yaml#3) also routes "payments"`,
          ),
        ).toHaveLength(1);
      }
    });
  });
});
