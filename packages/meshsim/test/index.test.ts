// The umbrella package's public API: it re-exports every name of every package's public barrel (values and
// types), explicitly (no `export *`), and nothing else; and it runs a scenario end to end.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import * as analysis from '@meshsim/analysis';
import * as cli from '@meshsim/cli';
import * as engine from '@meshsim/engine';
import * as importer from '@meshsim/import';
import * as mesh from '@meshsim/mesh';
import * as report from '@meshsim/report';
import * as scenario from '@meshsim/scenario';

import * as meshsim from '../src/index.js';

const PACKAGES = ['engine', 'mesh', 'scenario', 'import', 'analysis', 'report', 'cli'] as const;

const barrel = (pkg: string): string =>
  readFileSync(fileURLToPath(new URL(`../../${pkg}/src/index.ts`, import.meta.url)), 'utf8');

/** The names a barrel exports (`export { a, b as c } from …`, `export type { … } from …`), by kind. */
function barrelExports(source: string): { values: string[]; types: string[] } {
  const values: string[] = [];
  const types: string[] = [];
  for (const match of source.matchAll(/^export\s+(type\s+)?\{([^}]*)\}\s*from\s*'[^']+';/gm)) {
    const names = (match[2] as string)
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean)
      .map((name) => name.split(/\s+as\s+/).at(-1) as string);
    (match[1] === undefined ? values : types).push(...names);
  }
  return { values, types };
}

describe('meshsim (umbrella)', () => {
  const umbrella = barrelExports(barrel('meshsim'));

  it('re-exports every name of every package barrel, values and types, and no other', () => {
    const values = PACKAGES.flatMap((pkg) => barrelExports(barrel(pkg)).values);
    const types = PACKAGES.flatMap((pkg) => barrelExports(barrel(pkg)).types);
    expect([...umbrella.values].sort()).toEqual([...values].sort());
    expect([...umbrella.types].sort()).toEqual([...types].sort());
    // No name is exported by two packages (the umbrella could carry only one of them).
    expect(new Set([...values, ...types]).size).toBe(values.length + types.length);
  });

  it('is an explicit barrel whose value exports are the packages’ at run time', () => {
    expect(barrel('meshsim')).not.toMatch(/^export\s+(type\s+)?\*/m);
    const runtime = [engine, mesh, scenario, importer, analysis, report, cli].flatMap((m) => Object.keys(m));
    expect(Object.keys(meshsim).sort()).toEqual(runtime.sort());
    expect(Object.keys(meshsim).sort()).toEqual([...umbrella.values].sort());
    // Each name is the package's own binding.
    const record = meshsim as Record<string, unknown>;
    for (const m of [engine, mesh, scenario, importer, analysis, report, cli])
      for (const [name, value] of Object.entries(m)) expect(record[name], name).toBe(value);
  });

  it('runs a bundled scenario end to end through the umbrella API', () => {
    const config = meshsim.applyOverrides(meshsim.loadScenario('steady-3tier'), { durationMs: 3000 });
    const result = meshsim.simulate(config);
    expect(result.conservation.holds).toBe(true);
    expect(result.edges.length).toBeGreaterThan(0);
    expect(meshsim.renderText(result)).toContain('success (%)');
  });

  it('compares shapes through the umbrella API with the balancer row and the borrowed proxy resources, as the CLI', () => {
    // A scenario written for istio-sidecar (a sidecar CPU request, as an import of its annotations writes), in code.
    const config = meshsim.resolveScenario({
      duration: '1s',
      mesh: 'istio-sidecar',
      services: { web: { serviceTime: '1ms', proxyCpuRequest: '100m' } },
      traffic: [{ to: 'web', rate: '20/s' }],
    });
    const results = ['none', 'linkerd'].map((mesh) =>
      meshsim.simulate(meshsim.applyOverrides(config, { mesh })),
    );
    const summary = meshsim.summarizeComparison(results, { config });
    expect(summary.shapes.map((shape) => shape.loadBalancer)).toEqual(['random', 'peak-ewma']);
    const text = meshsim.renderComparisonText(summary);
    expect(text).toMatch(/^load balancer\s+random\s+peak-ewma$/m);
    expect(text).toContain(
      '[linkerd] proxyCpuRequest of web: written in the scenario for its mesh istio-sidecar, applied to this shape',
    );
  });
});
