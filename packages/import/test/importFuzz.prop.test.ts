// The importer on damaged inputs: real manifests (the fixtures and the examples' cluster) with fields replaced by
// values of any type, or removed, never crash it. Each import either succeeds with a scenario meshsim accepts, or
// stops with an ImportError naming what is wrong — never a TypeError from a value of an unexpected shape.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseScenario } from '@meshsim/scenario';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';

import { ImportError, importScenario } from '../src/index.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const CLUSTER = fileURLToPath(new URL('../../../examples/cluster/', import.meta.url));

/** Every document of the seed files, as plain data. */
const SEEDS: unknown[] = [
  join(FIXTURES, 'shop/k8s/namespace.yaml'),
  join(FIXTURES, 'shop/k8s/frontend.yaml'),
  join(FIXTURES, 'shop/k8s/backends.yaml'),
  join(FIXTURES, 'shop/istio/traffic.yaml'),
  join(FIXTURES, 'shop/istio/security.yaml'),
  join(FIXTURES, 'books/booksapp.yaml'),
  join(FIXTURES, 'books/linkerd.yaml'),
  join(FIXTURES, 'books/nodes.yaml'),
  join(CLUSTER, 'k8s.yaml'),
  join(CLUSTER, 'nodes.yaml'),
  join(CLUSTER, 'pods.yaml'),
  join(CLUSTER, 'daemonsets.yaml'),
].flatMap((file) => parseAllDocuments(readFileSync(file, 'utf8')).map((doc) => doc.toJS() as unknown));

const dir = mkdtempSync(join(tmpdir(), 'meshsim-import-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A value of any shape a YAML document may hold, small. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', '0', '-1', '1e9', '500m', '2Gi', 'unlimited', 'Infinity', 'NaN', 'true', 'istio-proxy'),
  fc.integer({ min: -5, max: 1_000_000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.constant(null)), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 6 }), fc.integer()), {
    maxKeys: 3,
  }),
);

/** A damage to one document: where (a walk of child choices) and what (a new value, or removal). */
const damage = fc.record({
  doc: fc.nat(),
  walk: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
  value: fc.option(anyValue, { nil: undefined, freq: 4 }),
});

/** `docs` with the damage applied: the walk picks a child at each level; the last one is replaced or removed. */
function damaged(docs: unknown[], d: { doc: number; walk: number[]; value: unknown }): void {
  let node = docs[d.doc % docs.length];
  for (let i = 0; i < d.walk.length; i++) {
    if (typeof node !== 'object' || node === null) return;
    const keys = Array.isArray(node) ? node.map((_, k) => k) : Object.keys(node);
    if (keys.length === 0) return;
    const key = keys[(d.walk[i] as number) % keys.length] as string | number;
    const container = node as Record<string | number, unknown>;
    const child = container[key];
    if (i === d.walk.length - 1 || typeof child !== 'object' || child === null) {
      if (d.value === undefined && !Array.isArray(container)) delete container[key];
      else container[key] = d.value ?? null;
      return;
    }
    node = child;
  }
}

describe('import of damaged manifests', () => {
  it('succeeds with a valid scenario or throws an ImportError, never anything else', () => {
    let imported = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        fc.subarray(
          SEEDS.map((_, i) => i),
          { minLength: 1 },
        ),
        fc.array(damage, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (picked, damages, asJson) => {
          const docs = picked.map((i) => structuredClone(SEEDS[i]));
          for (const d of damages) damaged(docs, d);
          const file = join(dir, asJson ? 'input.json' : 'input.yaml');
          writeFileSync(
            file,
            asJson
              ? JSON.stringify({ apiVersion: 'v1', kind: 'List', items: docs })
              : docs.map((doc) => stringify(doc)).join('---\n'),
          );
          try {
            const { scenario } = importScenario([file], { relativeTo: dir });
            expect(() => parseScenario(scenario, 'imported.yaml')).not.toThrow();
            imported++;
          } catch (error) {
            if (!(error instanceof ImportError)) throw error;
            refused++;
          } finally {
            rmSync(file, { force: true });
          }
        },
      ),
      { numRuns: 400, seed: 17 },
    );
    // Both outcomes occur: the property is not vacuous.
    expect(imported).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(0);
  });
});
