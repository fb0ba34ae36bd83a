// The Istio inputs of a newcomer review (test/fixtures/review): each mistake or edge case it found is reported at
// its file and line, and imported as Istio would apply it.

import { describe, expect, it } from 'vitest';

import { importScenarioObject } from '../src/index.js';
import type { ImportedScenario } from '../src/index.js';
import { FIXTURES, fixture, warningsWith } from './__helpers__/fixtures.js';

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
});
