// Helpers of the import tests: the fixture directory, temporary input trees written from inline YAML,
// and lookups in the warnings. Temporary trees are removed after each test file (vitest.setup.ts).

import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { formatImportWarning, importScenarioObject } from '../../src/index.js';
import type { ImportOptions, ImportWarning, ImportedScenario } from '../../src/index.js';

/** The fixtures directory (absolute). */
export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** The golden directory (absolute). */
export const GOLDEN = fileURLToPath(new URL('../golden/', import.meta.url));

/** A path under the fixtures directory. */
export function fixture(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

/** Writes `files` (relative path → contents) into a new temporary directory and returns it. */
export function tempTree(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'meshsim-import-'));
  // Removed after the test file by vitest.setup.ts.
  const registry = globalThis as Record<symbol, string[] | undefined>;
  (registry[Symbol.for('meshsim.test.tempDirs')] ??= []).push(dir);
  for (const [name, contents] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, contents);
  }
  return dir;
}

/**
 * Imports inline files: writes them to a temporary directory and imports them all (in the order given),
 * showing paths relative to that directory. `graph` names one of the files.
 */
export function importFiles(
  files: Readonly<Record<string, string>>,
  options: ImportOptions = {},
): ImportedScenario {
  const dir = tempTree(files);
  const graph = options.graph === undefined ? {} : { graph: join(dir, options.graph) };
  const inputs = Object.keys(files)
    .filter((name) => name !== options.graph)
    .map((name) => join(dir, name));
  return importScenarioObject(inputs, { ...options, ...graph, relativeTo: dir });
}

/** The warnings as printed. */
export function warningLines(warnings: readonly ImportWarning[]): string[] {
  return warnings.map(formatImportWarning);
}

/** The printed warnings containing `text`. */
export function warningsWith(warnings: readonly ImportWarning[], text: string): string[] {
  return warningLines(warnings).filter((line) => line.includes(text));
}

/** A service of an imported scenario, as a plain object (throws if absent). */
export function serviceOf(imported: ImportedScenario, name: string): Record<string, unknown> {
  const service = (imported.scenario.services as Record<string, Record<string, unknown> | undefined>)[name];
  if (service === undefined)
    throw new Error(`no service "${name}" in ${Object.keys(imported.scenario.services).join(', ')}`);
  return service;
}

/** Kubernetes Deployments and Services of `names` in namespace `namespace` (reviews gets v1 ×2, v2 ×1). */
export function kubernetesApp(names: readonly string[], namespace = 'default'): string {
  const parts: string[] = [];
  for (const name of names) {
    const versions =
      name === 'reviews'
        ? [
            ['v1', 2],
            ['v2', 1],
          ]
        : [['v1', 2]];
    for (const [version, replicas] of versions) {
      parts.push(
        `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${name}-${String(version)}, namespace: ${namespace} }\nspec:\n  replicas: ${String(replicas)}\n  selector: { matchLabels: { app: ${name}, version: ${String(version)} } }\n  template:\n    metadata: { labels: { app: ${name}, version: ${String(version)} } }\n    spec: { serviceAccountName: ${name}, containers: [ { name: app } ] }\n`,
      );
    }
    parts.push(
      `apiVersion: v1\nkind: Service\nmetadata: { name: ${name}, namespace: ${namespace} }\nspec: { selector: { app: ${name} } }\n`,
    );
  }
  return parts.join('---\n');
}

/** A --graph fragment: frontend calls each of `callees`; traffic to frontend. */
export function graphFragment(callees: readonly string[]): string {
  const services = [
    `  frontend:\n    serviceTime: 1ms\n    calls:\n${callees.map((to) => `      - to: ${to}\n`).join('')}`,
    ...callees.map((name) => `  ${name}: { serviceTime: 2ms }\n`),
  ];
  return `services:\n${services.join('')}traffic:\n  - { to: frontend, rate: 10/s }\n`;
}

/** The first call of `caller` to `callee` in an imported scenario. */
export function callTo(
  imported: ImportedScenario,
  caller: string,
  callee: string,
): Record<string, unknown> | undefined {
  const calls = serviceOf(imported, caller)['calls'];
  if (!Array.isArray(calls)) return undefined;
  const flat = calls.flatMap((item: Record<string, unknown>) =>
    Array.isArray(item['parallel']) ? item['parallel'] : [item],
  );
  return flat.find((call: Record<string, unknown>) => call['to'] === callee) as
    Record<string, unknown> | undefined;
}
