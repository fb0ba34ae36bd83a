// docs/scenarios/overhead-3tier.md's "Expected outcome" table is the model's output: every number of every shape's
// row is what `meshsim compare overhead-3tier` computes (the same runs and summary), so the page cannot go stale
// when a profile or a default changes.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { readScenarioSource, resolveWithOverrides } from '@meshsim/analysis';
import { simulate } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import { summarizeComparison } from '../src/index.js';
import { ms, signedMs } from '../src/internal/format.js';

const page = readFileSync(
  fileURLToPath(new URL('../../../docs/scenarios/overhead-3tier.md', import.meta.url)),
  'utf8',
);

/** The table's rows by shape: its cells, the shape's name without backticks first. */
function documentedRows(): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of page.split('\n')) {
    const match = /^\| `([a-z-]+)` \|(.*)\|$/.exec(line);
    if (match === null) continue;
    rows.set(
      match[1] as string,
      (match[2] as string).split('|').map((cell) => cell.trim()),
    );
  }
  return rows;
}

describe('docs/scenarios/overhead-3tier.md', () => {
  it("shows every shape's numbers as the model computes them", () => {
    const documented = documentedRows();
    const shapes = [...documented.keys()];
    expect(shapes).toEqual([
      'none',
      'library',
      'cilium',
      'linkerd',
      'istio-ambient',
      'istio-sidecar',
      'consul',
      'app-mesh',
      'vpc-lattice',
    ]);
    const source = readScenarioSource('overhead-3tier');
    const results = shapes.map((shape) =>
      simulate(resolveWithOverrides(source, [{ path: 'mesh', value: shape }])),
    );
    const summary = summarizeComparison(results);
    const expected: Record<string, string[]> = {};
    const actual: Record<string, string[]> = {};
    for (const shape of summary.shapes) {
      const added = shape.shape === 'none' ? '—' : signedMs(shape.addedP50Ms);
      // Priced (the default prices): 0.00 under none too.
      const cost = shape.costPerMonthUsd === null ? '—' : shape.costPerMonthUsd.toFixed(2);
      expected[shape.shape] = [
        ms(shape.endToEndP50Ms),
        ms(shape.endToEndP99Ms),
        added,
        String(shape.proxies),
        shape.proxyCpuCores === 0 ? '0' : shape.proxyCpuCores.toFixed(3),
        String(Math.round(shape.proxyMemoryMiB)),
        (100 * (shape.nodeCpuUtilisation ?? Number.NaN)).toFixed(1),
        String(shape.tlsHandshakes),
        cost,
      ];
      // A cell may go on in words after its number ("8 Envoy sidecars", "0 (mTLS is opt-in)"): the number is checked.
      actual[shape.shape] = (documented.get(shape.shape) as string[]).map(
        (cell) => cell.split(' ')[0] as string,
      );
    }
    if (process.env['PRINT_ROWS'] === '1') console.log(JSON.stringify(expected));
    expect(actual).toEqual(expected);
  });

  it("is quoted rightly in docs/scenarios/README.md: the entry edge's added p50 of linkerd, ambient and sidecars", () => {
    const index = readFileSync(
      fileURLToPath(new URL('../../../docs/scenarios/README.md', import.meta.url)),
      'utf8',
    );
    const quoted =
      /added p50 on the entry edge \+([\d.]+) ms \(linkerd\) < \+([\d.]+) \(istio-ambient\) < \+([\d.]+) \(istio-sidecar\)/.exec(
        index,
      );
    expect(quoted, 'the overhead-3tier row of docs/scenarios/README.md').not.toBeNull();
    // The page's table (checked above against the model), rounded to two decimals.
    const documented = documentedRows();
    const addedOf = (shape: string): string =>
      Number((documented.get(shape)?.[2] ?? '').replace('+', '')).toFixed(2);
    expect(quoted?.slice(1)).toEqual([
      addedOf('linkerd'),
      addedOf('istio-ambient'),
      addedOf('istio-sidecar'),
    ]);
  });
});
