// Golden tests of the scenario text and warnings the fixtures give (isotope; the Istio shop with and without
// a --graph fragment; Linkerd's books demo), which must also load. Rewrite them with
// `UPDATE_GOLDEN=1 npx vitest run packages/import/test/golden.test.ts` and review the diff.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { istioAttemptsWarnings, loadScenarioFile, parseScenario } from '@meshsim/scenario';

import { importScenario } from '../src/index.js';
import type { ImportOptions } from '../src/index.js';
import { FIXTURES, GOLDEN, fixture, tempTree, warningLines } from './__helpers__/fixtures.js';

const UPDATE = process.env['UPDATE_GOLDEN'] !== undefined;

/** The golden cases: inputs (under the fixtures directory) and options. */
export const CASES: Readonly<Record<string, { inputs: string[]; options?: ImportOptions }>> = {
  isotope: { inputs: ['isotope/shop-graph.yaml'], options: { rate: '150/s' } },
  'shop-istio': { inputs: ['shop/k8s', 'shop/istio'], options: { graph: fixture('shop/graph.yaml') } },
  'shop-istio-no-graph': { inputs: ['shop/k8s', 'shop/istio'], options: { name: 'shop' } },
  'books-linkerd': {
    inputs: ['books/booksapp.yaml', 'books/linkerd.yaml', 'books/nodes.yaml'],
    options: { graph: fixture('books/graph.yaml') },
  },
};

function compare(file: string, actual: string): void {
  const path = join(GOLDEN, file);
  if (UPDATE || !existsSync(path)) writeFileSync(path, actual);
  expect(actual, `golden ${file} (UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(path, 'utf8'));
}

describe('import goldens', () => {
  for (const [name, { inputs, options }] of Object.entries(CASES)) {
    describe(name, () => {
      const result = importScenario(
        inputs.map((input) => fixture(input)),
        { ...options, relativeTo: FIXTURES },
      );

      it('produces the golden scenario text', () => {
        compare(`${name}.scenario.yaml`, result.scenario);
      });

      it('reports the golden warnings', () => {
        compare(`${name}.warnings.txt`, warningLines(result.warnings).join('\n') + '\n');
      });

      it('is a scenario parseScenario and loadScenarioFile accept', () => {
        expect(() => parseScenario(result.scenario, `${name}.yaml`)).not.toThrow();
        const dir = tempTree({ [`${name}.yaml`]: result.scenario });
        const config = loadScenarioFile(join(dir, `${name}.yaml`));
        expect(config.services.length).toBeGreaterThan(0);
      });

      it("gives no warning that its retry.attempts may be Istio's (the import converted them)", () => {
        expect(istioAttemptsWarnings(parseScenario(result.scenario, `${name}.yaml`))).toEqual([]);
      });

      it('is the same byte for byte on a second import', () => {
        const again = importScenario(
          inputs.map((input) => fixture(input)),
          { ...options, relativeTo: FIXTURES },
        );
        expect(again.scenario).toBe(result.scenario);
        expect(warningLines(again.warnings)).toEqual(warningLines(result.warnings));
      });
    });
  }
});
