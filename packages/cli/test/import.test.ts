// `meshsim import` on the real built binary (node packages/cli/dist/bin.js, built once by
// test/globalSetup.ts): the scenario on stdout or --out, warnings on stderr, exit codes; then the
// imported file runs.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it, inject } from 'vitest';

import { parseScenario } from '@meshsim/scenario';

import { commandHelp } from '../src/help.js';
import { writeTempFile } from './__helpers__/scenarios.js';
import { meshsim, meshsimWith } from './__helpers__/meshsimBin.js';
import type { BinRun } from './__helpers__/meshsimBin.js';

const build = inject('cliBuild');
const FIXTURES = 'packages/import/test/fixtures';

/** `meshsim import` of the checkout fixture's Kubernetes file and `istio` (more arguments after its --graph). */
function importCheckout(istio: string, ...more: string[]): BinRun {
  const dir = `${FIXTURES}/checkout`;
  return meshsim('import', `${dir}/k8s.yaml`, istio, '--graph', `${dir}/graph.yaml`, ...more);
}

describe('meshsim import (binary)', () => {
  beforeAll(() => {
    if (!existsSync(build.binPath)) {
      throw new Error(`the CLI was not built (${build.binPath} missing):\n${build.output}`);
    }
  });

  it('prints the scenario on stdout and the warnings on stderr, exit 0', () => {
    const { code, stdout, stderr } = meshsim(
      'import',
      `${FIXTURES}/shop/k8s`,
      `${FIXTURES}/shop/istio`,
      '--graph',
      `${FIXTURES}/shop/graph.yaml`,
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# Imported by `meshsim import` from /);
    expect(parseScenario(stdout, 'shop.yaml').services.map((s) => s.name)).toEqual([
      'frontend',
      'catalog',
      'reviews',
      'cart',
      'payments',
    ]);
    expect(stderr).toMatch(
      /^warning: packages\/import\/test\/fixtures\/shop\/k8s\/backends\.yaml:\d+:\d+: StatefulSet\/payments \(document 8\): /m,
    );
    expect(stderr).toMatch(/imported with \d+ warning\(s\)\n$/);
  });

  it('prints a note on how a value was read as note:, and counts notes apart from warnings', () => {
    const { code, stderr } = meshsim(
      'import',
      `${FIXTURES}/review/k8s.yaml`,
      `${FIXTURES}/review/retries.yaml`,
      '--graph',
      `${FIXTURES}/review/graph.yaml`,
    );
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /^note: packages\/import\/test\/fixtures\/review\/retries\.yaml:\d+:\d+: DestinationRule\/payments \(document 2\): spec\.trafficPolicy\.outlierDetection\.consecutive5xxErrors: 0 disables /m,
    );
    expect(stderr).toMatch(/imported with \d+ warning\(s\) and 1 note\(s\)\n$/);
  });

  it('--out writes the file, which meshsim validate and meshsim run accept', () => {
    const out = writeTempFile('books.yaml', '');
    const imported = meshsim(
      'import',
      `${FIXTURES}/books/booksapp.yaml`,
      `${FIXTURES}/books/linkerd.yaml`,
      '--graph',
      `${FIXTURES}/books/graph.yaml`,
      '--name',
      'books-demo',
      '--out',
      out,
    );
    expect(imported.code).toBe(0);
    expect(imported.stdout).toBe('');
    expect(imported.stderr).toContain(`wrote scenario output to ${out}`);
    expect(readFileSync(out, 'utf8')).toContain('name: books-demo');
    expect(meshsim('validate', out)).toMatchObject({ code: 0, stdout: `ok ${out}\n` });
    const run = meshsim('run', out, '--duration', '2s');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Scenario books-demo: mesh linkerd, /m);
  });

  it('labels each item of a kind: List on its own, in the warnings and in the comments', () => {
    const dir = `${FIXTURES}/checkout`;
    const { code, stdout, stderr } = importCheckout(`${dir}/list.yaml`);
    expect(code).toBe(0);
    expect(stderr).toContain(
      `warning: ${dir}/list.yaml:27:57: VirtualService/checkout (document 1, items[1]): spec.http[0].retries.retryOn: `,
    );
    expect(stdout).toContain(
      `# subsets, weights and replicas from ${dir}/list.yaml#1.items[0] DestinationRule/checkout, ${dir}/list.yaml#1.items[1] VirtualService/checkout, `,
    );
    expect(stdout).toContain(`# timeout, retry from ${dir}/list.yaml#1.items[2] VirtualService/payments\n`);
    expect(stdout).not.toMatch(/list\.yaml#1 /);
  });

  it('names the file, line and resource of each warning about subsets, weights and left-over pods', () => {
    const dir = `${FIXTURES}/checkout`;
    const { code, stderr } = importCheckout(`${dir}/list.yaml`);
    expect(code).toBe(0);
    expect(stderr).toContain(
      `warning: ${dir}/k8s.yaml:60:7: Deployment/checkout-v2 (document 4): spec.template.metadata.labels: `,
    );
    expect(stderr).toContain(
      `warning: ${dir}/list.yaml:24:46: VirtualService/checkout (document 1, items[1]): spec.http[0].route[1].destination.subset: `,
    );
    expect(stderr).not.toMatch(/^warning: [^:]*(subset|weight)/m);
  });

  it('reads route weights that add up to 110 as ratios (80:30), with a note, and the run splits so', () => {
    const dir = `${FIXTURES}/checkout`;
    const out = writeTempFile('relative.yaml', '');
    const { code, stderr } = importCheckout(`${dir}/relative-weights.yaml`, '--out', out);
    expect(code).toBe(0);
    expect(stderr).toContain(
      `note: ${dir}/relative-weights.yaml:20:7: VirtualService/checkout (document 2): spec.http[0].route: the weights add up to 110, not 100: Istio sends a destination weight/110 of the requests (weights are relative), so the subsets get v1 72.73 %, v2 27.27 % of the requests (to 0.01 %)\n`,
    );
    expect(stderr).not.toContain('warning:');
    expect(stderr).toMatch(/imported with 0 warning\(s\) and 1 note\(s\)\n$/);
    expect(readFileSync(out, 'utf8')).toContain(
      'versions: [ { name: v1, replicas: 2, weight: 72.73 }, { name: v2, replicas: 1, weight: 27.27 } ]',
    );
    // The calls split 72.7 : 27.3, not by the replicas (2 : 1).
    const run = meshsim('run', out, '--duration', '20s', '--csv', '--table', 'versions');
    expect(run.code).toBe(0);
    const share = (version: string): number =>
      Number(
        run.stdout
          .split('\n')
          .find((row) => row.startsWith(`checkout,${version},`))
          ?.split(',')[4],
      );
    expect(share('v1')).toBeGreaterThan(0.7);
    expect(share('v1')).toBeLessThan(0.75);
    expect(share('v2')).toBeGreaterThan(0.25);
  });

  it('fails the share Istio routes to an undefined subset (503) instead of a healthy split, and says so', () => {
    const dir = `${FIXTURES}/checkout`;
    const out = writeTempFile('undefined-subset.yaml', '');
    const { code, stderr } = importCheckout(`${dir}/list.yaml`, '--out', out);
    expect(code).toBe(0);
    expect(stderr).toContain(
      `warning: ${dir}/list.yaml:24:46: VirtualService/checkout (document 1, items[1]): spec.http[0].route[1].destination.subset: subset "v3" is not defined by the DestinationRule of "checkout" (subsets: v1): Istio answers the 50 % of requests routed to it with 503 at once (no cluster found, not retried); imported as faultInjection.abort with status 503 on every call to "checkout"\n`,
    );
    expect(stderr).toContain(
      `warning: ${dir}/k8s.yaml:60:7: Deployment/checkout-v2 (document 4): spec.template.metadata.labels: the pods of Deployment "checkout-v2" match no subset of "checkout" (v1); its 1 replica runs as version "checkout-v2", which gets no request (weight 0)`,
    );
    const scenario = readFileSync(out, 'utf8');
    expect(scenario).toContain('faultInjection: { abort: { percent: 50, status: 503 } }');
    expect(scenario).toContain(
      'versions: [ { name: v1, replicas: 2, weight: 100 }, { name: checkout-v2, replicas: 1, weight: 0 } ]',
    );
    // Half of the calls to checkout fail with 503 (rejected), none reaches v3 or checkout-v2.
    const run = meshsim('run', out, '--duration', '10s', '--csv');
    expect(run.code).toBe(0);
    const [header = '', ...rows] = run.stdout.trim().split('\n');
    const columns = header.split(',');
    const edge = rows.find((row) => row.startsWith('frontend,checkout,'))?.split(',') ?? [];
    const value = (column: string): number => Number(edge[columns.indexOf(column)]);
    expect(value('success_ratio')).toBeGreaterThan(0.4);
    expect(value('success_ratio')).toBeLessThan(0.6);
    expect(value('failed_rejected')).toBe(value('failed'));
  });

  it("the versions' comment names only what was imported (no weights, no VirtualService, when Istio refuses them)", () => {
    const dir = `${FIXTURES}/checkout`;
    const subsets = readFileSync(`${dir}/relative-weights.yaml`, 'utf8').split('---\n')[0] ?? '';
    const istio = writeTempFile(
      'refused.yaml',
      `${subsets}---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: checkout, namespace: shop }\nspec:\n  hosts: [checkout]\n  http:\n    - route:\n        - { destination: { host: checkout, subset: v1 }, weight: -10 }\n        - { destination: { host: checkout, subset: v2 }, weight: 110 }\n`,
    );
    const { code, stdout, stderr } = importCheckout(istio);
    expect(code).toBe(0);
    expect(stderr).toContain('Istio refuses a negative weight');
    expect(stdout).toContain(
      `    # subsets and replicas from ${istio}#1 DestinationRule/checkout, ${dir}/k8s.yaml#3 Deployment/checkout-v1, ${dir}/k8s.yaml#4 Deployment/checkout-v2\n    versions: [ { name: v1, replicas: 2 }, { name: v2, replicas: 1 } ]\n`,
    );
  });

  it('- reads the resources from standard input, named <stdin> in warnings and comments', () => {
    const dir = `${FIXTURES}/checkout`;
    const list = readFileSync(join(build.repoRoot, dir, 'list.yaml'), 'utf8');
    const { code, stdout, stderr } = meshsimWith(
      list,
      'import',
      `${dir}/k8s.yaml`,
      '-',
      '--graph',
      `${dir}/graph.yaml`,
    );
    expect(code).toBe(0);
    expect(stderr).toContain('warning: <stdin>:24:46: VirtualService/checkout (document 1, items[1]): ');
    expect(stdout).toContain('# timeout, retry from <stdin>#1.items[2] VirtualService/payments\n');
    expect(parseScenario(stdout, 'stdin.yaml').services.map((s) => s.name)).toEqual([
      'frontend',
      'checkout',
      'payments',
    ]);
  });

  it('- twice, or as --graph, is a usage error (exit 2) saying how to give it', () => {
    const twice = meshsim('import', '-', '-');
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('standard input (-) is given twice; it can be read once');
    const graph = meshsim('import', `${FIXTURES}/checkout/k8s.yaml`, '--graph', '-');
    expect(graph.code).toBe(2);
    expect(graph.stderr).toContain('--graph takes a file, not standard input (-)');
  });

  it('bad input exits 1 with file:line:column', () => {
    const bad = writeTempFile('bad.yaml', 'kind: Service\nmetadata:\n  name: [oops\n');
    const { code, stdout, stderr } = meshsim('import', bad);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:1: YAML syntax error: `),
    );
  });

  it('a file of an unknown kind exits 1 naming the kinds the importer reads', () => {
    const config = writeTempFile('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n');
    const { code, stderr } = meshsim('import', config);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'nothing importable: found kinds ConfigMap; the importer reads MockServiceGraph',
    );
  });

  it('usage errors exit 2: no input, a bad --rate, an unknown flag', () => {
    expect(meshsim('import')).toMatchObject({ code: 2 });
    const rate = meshsim('import', join(FIXTURES, 'isotope/shop-graph.yaml'), '--rate', 'fast');
    expect(rate.code).toBe(2);
    expect(rate.stderr).toContain("invalid value for --rate: 'fast'");
    expect(meshsim('import', '--frobnicate').stderr).toContain(
      "unknown flag '--frobnicate' for 'meshsim import'",
    );
  });

  it('--help prints the import help, exit 0, and the overview lists the command', () => {
    const help = meshsim('import', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: meshsim import <files or dirs\.\.\.>/);
    expect(meshsim('--help').stdout).toContain('import <files|dirs>');
  });
});

describe('docs/cli.md', () => {
  it('documents every flag of meshsim import', () => {
    const page = readFileSync(fileURLToPath(new URL('../../../docs/cli.md', import.meta.url)), 'utf8');
    const section = page.slice(page.indexOf('## `meshsim import`'), page.indexOf('## Programmatic use'));
    const flags = [...commandHelp('import').matchAll(/^ {2}(--[a-z]+)/gm)].map((m) => m[1]);
    expect(flags).toEqual(['--graph', '--rate', '--name', '--out']);
    for (const flag of flags) expect(section).toContain(`\`${String(flag)} `);
  });
});
