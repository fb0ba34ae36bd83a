// Bad input: every problem names its file (and line and column for syntax errors); unknown kinds list
// the kinds the importer reads.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  IMPORTABLE_KIND_NAMES,
  ImportError,
  formatImportIssue,
  importScenario,
  importScenarioObject,
} from '../src/index.js';
import type { ImportIssue } from '../src/index.js';
import { kubernetesApp, tempTree, warningsWith } from './__helpers__/fixtures.js';

/** The issues `importScenario` throws for these inputs. */
function issuesOf(run: () => unknown): ImportIssue[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportError) return [...error.issues];
    throw error;
  }
  throw new Error('expected an ImportError');
}

describe('bad input', () => {
  it('a file of an unknown kind says which kinds the importer knows', () => {
    const dir = tempTree({
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\ndata: { a: b }\n',
    });
    const [issue] = issuesOf(() => importScenario([join(dir, 'cm.yaml')], { relativeTo: dir }));
    expect(issue?.file).toBe('cm.yaml');
    expect(issue?.reason).toContain(
      'nothing importable: found kinds ConfigMap; the importer reads MockServiceGraph, Namespace',
    );
    for (const kind of IMPORTABLE_KIND_NAMES) expect(issue?.reason).toContain(kind);
  });

  it('an unknown kind next to importable ones is a warning naming the kinds', () => {
    const dir = tempTree({
      'app.yaml': `${kubernetesApp(['api'])}---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\n`,
    });
    const result = importScenario([join(dir, 'app.yaml')], { relativeTo: dir });
    expect(
      warningsWith(
        result.warnings,
        'app.yaml:16:1: ConfigMap/settings (document 3): kind ConfigMap is not importable; ignored (the importer reads MockServiceGraph',
      ),
    ).toHaveLength(1);
  });

  it('names the kinds once: later unknown kinds point to the first warning', () => {
    const dir = tempTree({
      'app.yaml': `${kubernetesApp(['api'])}---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: { name: b }\n`,
    });
    const lines = warningsWith(
      importScenario([join(dir, 'app.yaml')], { relativeTo: dir }).warnings,
      'is not importable',
    );
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`(the importer reads ${IMPORTABLE_KIND_NAMES.join(', ')})`);
    expect(lines[1]).toBe(
      'app.yaml:20:1: PodDisruptionBudget/b (document 4): kind PodDisruptionBudget is not importable; ignored (the kinds the importer reads are listed in the first such warning and in docs/import.md#what-is-read)',
    );
  });

  it('a binary file is one issue, "not a text file", not a YAML error per byte; UTF-16 with a BOM is read', () => {
    const dir = tempTree({ 'app.yaml': kubernetesApp(['api']) });
    const binary = join(dir, 'image.yaml');
    writeFileSync(binary, Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919 + 13) % 256)));
    expect(issuesOf(() => importScenario([binary], { relativeTo: dir }))).toEqual([
      {
        file: 'image.yaml',
        reason:
          'not a text file (binary, or not UTF-8): give Kubernetes, Istio or Linkerd resources as YAML or JSON',
      },
    ]);
    const utf16 = join(dir, 'utf16.yaml');
    writeFileSync(
      utf16,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(kubernetesApp(['web']), 'utf16le')]),
    );
    expect(importScenario([utf16], { relativeTo: dir }).scenario).toContain('web:');
  });

  it('malformed YAML gives file:line:column', () => {
    const dir = tempTree({ 'bad.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: [unclosed\n' });
    const issues = issuesOf(() => importScenario([join(dir, 'bad.yaml')], { relativeTo: dir }));
    expect(issues[0]).toMatchObject({ file: 'bad.yaml', line: 5, column: 1 });
    expect(issues[0]?.reason).toMatch(/^YAML syntax error: /);
    expect(new ImportError(issues).message).toMatch(/^bad\.yaml:5:1: YAML syntax error/);
  });

  it('a directory with nothing importable says so', () => {
    const dir = tempTree({ 'charts/values.yaml': 'replicaCount: 2\n', 'README.json': '{"a": 1}\n' });
    const [issue] = issuesOf(() => importScenario([dir], { relativeTo: join(dir, '..') }));
    expect(issue?.reason).toContain('nothing importable in 2 file(s): found kinds (no kind)');
    const empty = tempTree({ 'notes.txt': 'hello\n' });
    expect(issuesOf(() => importScenario([empty]))[0]?.reason).toBe(
      'nothing importable: the directory holds no .yaml, .yml or .json file',
    );
  });

  it('a missing file, no input and an invalid rate are errors', () => {
    expect(issuesOf(() => importScenario(['no/such/file.yaml']))).toEqual([
      { file: 'no/such/file.yaml', reason: 'file not found' },
    ]);
    expect(issuesOf(() => importScenario([]))[0]?.reason).toContain('no input');
    const dir = tempTree({ 'app.yaml': kubernetesApp(['api']) });
    expect(issuesOf(() => importScenario([dir], { rate: 'fast' }))[0]?.reason).toContain(
      'invalid rate "fast"',
    );
  });

  it('- is standard input: the text of the stdin option, shown as <stdin>; without it, or twice, an error', () => {
    const dir = tempTree({ 'app.yaml': kubernetesApp(['api']) });
    const istio =
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: api }\nspec:\n  hosts: [api]\n  http:\n    - timeout: 2s\n      corsPolicy: {}\n';
    const imported = importScenarioObject([join(dir, 'app.yaml'), '-'], { relativeTo: dir, stdin: istio });
    expect(imported.scenario.description).toBe('Imported by meshsim import from app.yaml, <stdin>.');
    expect(
      warningsWith(
        imported.warnings,
        '<stdin>:8:7: VirtualService/api (document 1): spec.http[0].corsPolicy',
      ),
    ).toHaveLength(1);
    expect(issuesOf(() => importScenario(['-']))).toEqual([
      {
        file: '<stdin>',
        reason: 'standard input (-) has no text: give it as the stdin option (meshsim import - reads it)',
      },
    ]);
    expect(issuesOf(() => importScenario(['-', '-'], { stdin: istio }))[0]?.reason).toBe(
      'standard input (-) is given twice; it can be read once',
    );
  });

  it('inputs without any service are an error', () => {
    const dir = tempTree({ 'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: { name: empty }\n' });
    expect(issuesOf(() => importScenario([dir]))[0]?.reason).toContain('the inputs define no service');
  });

  it('a malformed or invalid --graph fragment is an error naming it', () => {
    const dir = tempTree({
      'app.yaml': kubernetesApp(['api']),
      'broken.yaml': 'services:\n  api: { serviceTime: 1ms\n',
      'wrong.yaml':
        'services:\n  api: { serviceTime: 1ms, concurency: 4 }\ntraffic: [ { to: api, rate: 1/s } ]\n',
    });
    const app = join(dir, 'app.yaml');
    expect(
      issuesOf(() => importScenario([app], { graph: join(dir, 'broken.yaml'), relativeTo: dir }))[0],
    ).toMatchObject({ file: 'broken.yaml', line: 3 });
    const [invalid] = issuesOf(() =>
      importScenario([app], { graph: join(dir, 'wrong.yaml'), relativeTo: dir }),
    );
    expect(invalid).toEqual({
      file: 'wrong.yaml',
      line: 2,
      column: 28,
      reason:
        'the imported scenario is invalid: services.api.concurency: unknown field (did you mean "concurrency"?)',
    });
  });

  it('a .json input or --graph fragment is strict JSON, as a .json scenario file: a trailing comma is an error', () => {
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'api' },
      spec: { selector: { app: 'api' } },
    };
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api' },
      spec: { replicas: 2, template: { metadata: { labels: { app: 'api' } } } },
    };
    const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [service, deployment] }, null, 2);
    const fragment = JSON.stringify({
      services: { api: { serviceTime: '1ms' } },
      traffic: [{ to: 'api', rate: 5 }],
    });
    const dir = tempTree({
      'list.json': list,
      'comma.json': list.replace('"kind": "List"', '"kind": "List",\n}'),
      'graph.json': fragment,
      'graph-comma.json': fragment.replace('"rate":5}]', '"rate":5,}]'),
    });
    const trailing =
      "Expected double-quoted property name (a trailing comma: JSON allows none before '}' or ']')";
    expect(issuesOf(() => importScenario([join(dir, 'comma.json')], { relativeTo: dir }))).toEqual([
      { file: 'comma.json', line: 4, column: 1, reason: `JSON syntax error: ${trailing}` },
    ]);
    const inputs = [join(dir, 'list.json')];
    expect(
      issuesOf(() => importScenario(inputs, { graph: join(dir, 'graph-comma.json'), relativeTo: dir })),
    ).toEqual([{ file: 'graph-comma.json', line: 1, column: 75, reason: `JSON syntax error: ${trailing}` }]);
    // Valid JSON imports as before.
    const { scenario } = importScenario(inputs, { graph: join(dir, 'graph.json'), relativeTo: dir });
    expect(scenario).toContain('serviceTime: 1ms');
    expect(scenario).toContain('traffic:\n  - { to: api, rate: 5 }');
  });

  it("an invalid value of the --graph fragment names the fragment's file, line and column", () => {
    const dir = tempTree({
      'app.yaml': kubernetesApp(['api']),
      'g2.yaml': 'services:\n  api:\n    serviceTime: fast\ntraffic:\n  - { to: api }\n',
    });
    const issues = issuesOf(() =>
      importScenario([join(dir, 'app.yaml')], { graph: join(dir, 'g2.yaml'), relativeTo: dir }),
    );
    // At the field's key, as the scenario loader places its errors; a traffic source without a rate at the source.
    expect(issues.map(formatImportIssue)).toEqual([
      'g2.yaml:3:5: the imported scenario is invalid: services.api.serviceTime: must be a duration such as 250ms, 1.5s, 5m, 300us or a number of milliseconds (got "fast")',
      'g2.yaml:5:5: the imported scenario is invalid: traffic[0]: must set rate (open loop) or users (closed loop)',
    ]);
  });
});
