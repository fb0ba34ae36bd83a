// The Istio inputs of a newcomer review (test/fixtures/review): each mistake or edge case it found is reported at
// its file and line, and imported as Istio would apply it.

import { describe, expect, it } from 'vitest';

import { importScenario, importScenarioObject } from '../src/index.js';
import type { ImportedScenario } from '../src/index.js';
import { FIXTURES, callTo, fixture, serviceOf, warningsWith } from './__helpers__/fixtures.js';

/** Imports the review's Kubernetes manifests and call graph with one of its Istio files. */
function importReview(istio: string): ImportedScenario {
  return importScenarioObject([fixture('review/k8s.yaml'), fixture('review', istio)], {
    graph: fixture('review/graph.yaml'),
    relativeTo: FIXTURES,
  });
}

/** Imports the second review's manifests and call graph (test/fixtures/review-numbers) with one of its Istio files. */
function importNumbersReview(istio: string): ImportedScenario {
  return importScenarioObject([fixture('review-numbers/k8s.yaml'), fixture('review-numbers', istio)], {
    graph: fixture('review-numbers/graph.yaml'),
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

describe('the numbers review inputs', () => {
  describe('quoted-numbers.yaml', () => {
    const imported = importNumbersReview('quoted-numbers.yaml');
    const at = 'review-numbers/quoted-numbers.yaml';
    const dr = 'DestinationRule/checkout (document 1)';

    it('reports every count Istio refuses at its line, with why and what applies instead', () => {
      for (const expected of [
        `${at}:10:7: ${dr}: spec.trafficPolicy.outlierDetection.consecutive5xxErrors: Istio's consecutive5xxErrors is an integer (uint32): the API server refuses "2" (write it without quotes), so this DestinationRule would not be applied; not imported (Envoy's default applies (5 consecutive 5xx, as meshsim's))`,
        `${at}:13:7: ${dr}: spec.trafficPolicy.outlierDetection.maxEjectionPercent: Istio's maxEjectionPercent is an integer (int32): the API server refuses "50" (write it without quotes)`,
        `${at}:15:14: ${dr}: spec.trafficPolicy.connectionPool.tcp.maxConnections: Istio's maxConnections is an integer (int32): the API server refuses "64" (write it without quotes)`,
        `${at}:16:15: ${dr}: spec.trafficPolicy.connectionPool.http.http2MaxRequests: Istio's http2MaxRequests is an integer (int32): the API server refuses "100"`,
        `${at}:16:40: ${dr}: spec.trafficPolicy.connectionPool.http.http1MaxPendingRequests: Istio's http1MaxPendingRequests is an integer (int32): the API server refuses "10"`,
        `${at}:16:71: ${dr}: spec.trafficPolicy.connectionPool.http.maxRetries: Istio refuses -1 (its validation: "max retries must be non-negative"), so this DestinationRule would not be applied; not imported (Istio's default applies (2³²−1, unlimited))`,
      ]) {
        expect(warningsWith(imported.warnings, expected), expected).toHaveLength(1);
      }
      expect(imported.warnings.filter((warning) => warning.file === at)).toHaveLength(6);
    });

    it("imports the rest of the rule: its durations, with Istio's defaults for the refused values", () => {
      expect(serviceOf(imported, 'checkout')['destinationPolicy']).toEqual({
        outlierDetection: { successRate: false, interval: '5s', baseEjectionTime: '30s' },
      });
    });
  });

  describe('quoted-retries.yaml', () => {
    const imported = importNumbersReview('quoted-retries.yaml');
    const at =
      'review-numbers/quoted-retries.yaml:14:9: VirtualService/inventory (document 1): spec.http[0].retries.attempts';

    it('says the API server refuses a quoted attempts, as a quoted weight, and that the fields beside it do nothing', () => {
      expect(
        warningsWith(
          imported.warnings,
          `${at}: Istio's attempts is an integer (int32): the API server refuses "3" (write it without quotes), so this VirtualService would not be applied; not imported (retries are disabled, as with attempts 0)`,
        ),
      ).toHaveLength(1);
      expect(
        warningsWith(
          imported.warnings,
          `${at}: with attempts not imported, retries are disabled, so perTryTimeout, retryOn, retryRemoteLocalities have no effect; imported as no retries`,
        ),
      ).toHaveLength(1);
      expect(callTo(imported, 'frontend', 'inventory')).toEqual({
        to: 'inventory',
        timeout: '90s',
        retry: { attempts: 1 },
      });
    });
  });

  describe('beyond-bounds.yaml', () => {
    const options = { graph: fixture('review-numbers/graph.yaml'), relativeTo: FIXTURES };
    const inputs = [fixture('review-numbers/k8s.yaml'), fixture('review-numbers/beyond-bounds.yaml')];
    const at = 'review-numbers/beyond-bounds.yaml';

    it("imports values Istio takes but a scenario bounds at the scenario's maximum, and the import succeeds", () => {
      // importScenario checks the scenario with the loader: it threw "the imported scenario is invalid" before.
      const { scenario, warnings } = importScenario(inputs, options);
      expect(scenario).toContain('timeout: 8760h');
      expect(scenario).toContain('retry: { attempts: 100, retryOn: [ connect-failure ], perTryTimeout: 2s }');
      expect(scenario).toContain('baseEjectionTime: 8760h');
      for (const expected of [
        `${at}:12:18: VirtualService/payments (document 1): spec.http[0].retries.attempts: attempts 100000 (100001 tries, which Istio takes) is more than a scenario's retry.attempts holds (at most 100: Envoy and Istio default to 2–3 tries; 100 tries per call per hop is already a retry storm, and each try is work); imported as retry.attempts: 100 (99 retries)`,
        `${at}:11:7: VirtualService/payments (document 1): spec.http[0].timeout: 10000h is longer than any duration a scenario holds (at most 8760h, a year, longer than any run, which lasts at most 720h); imported as 8760h, which acts the same in any run`,
        `${at}:20:50: DestinationRule/payments (document 2): spec.trafficPolicy.outlierDetection.baseEjectionTime: 9000h is longer than any duration a scenario holds`,
      ]) {
        expect(warningsWith(warnings, expected), expected).toHaveLength(1);
      }
    });
  });
});
