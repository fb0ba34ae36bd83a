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
          'review/fields.yaml:33:11: VirtualService/checkout (document 1): spec.http[0].retires: unknown field (did you mean "retries"?)',
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
          "review/fields.yaml:36:13: VirtualService/checkout (document 1): spec.http[0].retries.perTryTimeout: 500ms is not shorter than the route's timeout (200ms)",
        ),
      ).toHaveLength(1);
      expect(
        warningsWith(
          imported.warnings,
          "review/fields.yaml:45:35: VirtualService/payments (document 1): spec.http[0].retries.perTryTimeout: 2s is not shorter than the route's timeout (500ms)",
        ),
      ).toHaveLength(1);
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
