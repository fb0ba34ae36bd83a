import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { platform40Yaml } from '../src/generators/platform40Yaml.js';
import { kinvolkEmojivotoYaml } from '../src/generators/kinvolkEmojivotoYaml.js';
import { generateKinvolkEmojivoto } from '../src/generators/kinvolkEmojivoto.js';
import {
  ScenarioError,
  bundledScenariosDir,
  generatePlatform40,
  resolveScenario,
  listBundledScenarios,
  loadScenario,
  loadScenarioFile,
} from '../src/index.js';

const bundled = listBundledScenarios();

/** The scenarios that show one policy each (docs/scenarios/<name>.md). */
const POLICY_SCENARIOS = [
  'breaker-saves-caller',
  'budget-vs-retries',
  'canary-rollout',
  'deadline-propagation',
  'outlier-ejection',
];

/** The scenarios about mesh shapes and their failure semantics, each with a doc page too. */
const MESH_SCENARIOS = ['overhead-3tier', 'node-failure', 'control-plane-outage', 'platform-40'];

const DOCS = fileURLToPath(new URL('../../../docs/scenarios/', import.meta.url));

describe('bundled scenarios', () => {
  it('listBundledScenarios() lists every scenario of the package, sorted by name', () => {
    const listed = bundled.map((s) => s.name);
    expect(listed).toEqual(
      expect.arrayContaining([
        ...POLICY_SCENARIOS,
        ...MESH_SCENARIOS,
        'instance-crash',
        'retry-storm',
        'steady-3tier',
      ]),
    );
    expect(listed).toEqual([...listed].sort());
  });

  it.each([...POLICY_SCENARIOS, ...MESH_SCENARIOS])(
    '%s has a doc page in docs/scenarios/ and an entry in its README',
    (name) => {
      expect(existsSync(join(DOCS, `${name}.md`))).toBe(true);
      expect(readFileSync(join(DOCS, 'README.md'), 'utf8')).toContain(`[${name}](${name}.md)`);
    },
  );

  it.each(bundled.map((s) => s.name))('%s is listed in docs/scenarios/README.md', (name) => {
    expect(readFileSync(join(DOCS, 'README.md'), 'utf8')).toContain(`\`${name}\``);
  });

  it.each(POLICY_SCENARIOS)('%s is short enough to run in a few seconds (duration <= 30 s)', (name) => {
    expect(loadScenario(name).durationMs).toBeLessThanOrEqual(30_000);
  });

  it('listBundledScenarios() gives absolute file paths inside bundledScenariosDir()', () => {
    for (const scenario of bundled)
      expect(scenario.file).toBe(join(bundledScenariosDir(), `${scenario.name}.yaml`));
  });

  it.each(bundled.map((s) => [s.name, s] as const))(
    '%s parses, and its name matches its file',
    (name, scenario) => {
      // Act
      const config = loadScenario(name);
      // Assert
      expect(config.name).toBe(name);
      expect(basename(scenario.file)).toBe(`${name}.yaml`);
      expect(config.services.length).toBeGreaterThanOrEqual(2);
    },
  );

  it.each(bundled.map((s) => [s.name, s] as const))(
    '%s has a one-line description and comments explaining the expected outcome',
    (_name, scenario) => {
      const text = readFileSync(scenario.file, 'utf8');
      expect(scenario.description.length).toBeGreaterThan(20);
      expect(scenario.description).not.toContain('\n');
      expect(text).toContain('# Expected outcome');
      expect((parse(text) as { description: string }).description).toBe(scenario.description);
    },
  );

  it.each(bundled.map((s) => [s.name, s] as const))('%s sets every service capacity explicitly', (name) => {
    expect(loadScenario(name).assumptions.join('\n')).not.toContain('is a default');
  });

  it('retry-storm: 3-tier, client and frontend retry with 3 attempts, latency fault on checkout at 30 s for 20 s', () => {
    const config = loadScenario('retry-storm');
    const frontend = config.services.find((s) => s.name === 'frontend');
    expect(config.durationMs).toBe(90_000);
    expect(frontend?.calls[0]?.[0]?.policy.retry.maxAttempts).toBe(3);
    expect(config.traffic[0]?.policy.retry.maxAttempts).toBe(3);
    expect(config.faults).toEqual([
      {
        atMs: 30_000,
        durationMs: 20_000,
        service: 'checkout',
        instances: Infinity,
        effect: { kind: 'latency', addMs: { kind: 'constant', value: 150 }, multiply: 1 },
      },
    ]);
  });

  it('instance-crash: 2 of 4 cart instances crash for 20 s; one caller retries connect failures, one does not', () => {
    const config = loadScenario('instance-crash');
    expect(config.services.find((s) => s.name === 'cart')?.replicas).toBe(4);
    expect(config.faults).toEqual([
      { atMs: 20_000, durationMs: 20_000, service: 'cart', instances: 2, effect: { kind: 'crash' } },
    ]);
    const retryOn = config.services.map((s) => s.calls[0]?.[0]?.policy.retry.retryOn ?? []);
    expect(retryOn).toContainEqual(['connect-failure', 'reset']);
    expect(retryOn).toContainEqual([]);
  });

  it('platform-40.yaml is exactly what its generator writes (regenerate: npx -y pnpm@10 --filter @meshsim/scenario platform40)', () => {
    const file = join(bundledScenariosDir(), 'platform-40.yaml');
    expect(readFileSync(file, 'utf8')).toBe(platform40Yaml());
    expect(loadScenario('platform-40')).toEqual(resolveScenario(generatePlatform40(), 'platform-40.yaml'));
  });

  it('kinvolk-emojivoto.yaml is exactly what its generator writes (regenerate: npx -y pnpm@10 --filter @meshsim/scenario kinvolk-emojivoto)', () => {
    const file = join(bundledScenariosDir(), 'kinvolk-emojivoto.yaml');
    expect(readFileSync(file, 'utf8')).toBe(kinvolkEmojivotoYaml());
    const config = loadScenario('kinvolk-emojivoto');
    expect(config).toEqual(resolveScenario(generateKinvolkEmojivoto(), 'kinvolk-emojivoto.yaml'));
    // 60 copies of web, emoji and voting, and the load generator's pod, which every source runs in.
    expect(config.services).toHaveLength(181);
    expect(config.traffic.every((t) => t.from === 'wrk2' && t.policySet === false)).toBe(true);
    expect(config.clusters.map((c) => [c.nodeCpu, c.zones[0]?.nodes])).toEqual([[24, 6]]);
    expect(
      config.traffic.reduce((sum, t) => sum + (t.kind === 'open' ? (t.rate[0]?.rps ?? 0) : 0), 0),
    ).toBeCloseTo(2000, 9);
  });

  it('every bundled scenario states the size of its nodes', () => {
    for (const { name } of listBundledScenarios()) {
      const config = loadScenario(name);
      for (const cluster of config.clusters)
        expect(cluster.nodeCpu, `${name}: ${cluster.name}`).toBeGreaterThan(0);
    }
  });

  it('node-failure: the proxy serving catalog-1 under either design, then its node', () => {
    expect(loadScenario('node-failure').faults.map((f) => [f.service, f.instances, f.effect])).toEqual([
      ['catalog', 1, { kind: 'crash-proxy', proxy: 'ztunnel' }],
      ['catalog', 1, { kind: 'crash-proxy', proxy: 'sidecar' }],
      ['catalog', 1, { kind: 'crash-node' }],
    ]);
  });

  it('control-plane-outage: an outage 5–35 s around two crashes of catalog instances', () => {
    expect(
      loadScenario('control-plane-outage').faults.map((f) => [f.atMs, f.durationMs, f.effect.kind]),
    ).toEqual([
      [5000, 30_000, 'control-plane-outage'],
      [10_000, 10_000, 'crash'],
      [25_000, 20_000, 'crash'],
    ]);
  });

  it('overhead-3tier has no faults and no policies', () => {
    const config = loadScenario('overhead-3tier');
    expect(config.faults).toEqual([]);
    expect(config.services.flatMap((s) => s.calls.flat()).every((c) => !c.policySet)).toBe(true);
  });

  it('steady-3tier has no faults', () => {
    expect(loadScenario('steady-3tier').faults).toEqual([]);
  });
});

describe('loadScenario / loadScenarioFile', () => {
  it('loadScenario(path) loads a file, giving the same config as by name', () => {
    const scenario = bundled[0];
    if (scenario === undefined) throw new Error('no bundled scenario');
    expect(loadScenario(scenario.file)).toEqual(loadScenario(scenario.name));
  });

  it('loadScenario(name) of an unknown name lists the bundled scenarios and suggests the closest', () => {
    expect(() => loadScenario('retry-strom')).toThrow(
      new ScenarioError([
        {
          file: 'retry-strom',
          path: '',
          reason: `not a bundled scenario nor a file (did you mean "retry-storm"?); bundled scenarios: ${bundled.map((s) => s.name).join(', ')}`,
        },
      ]),
    );
  });

  it('loadScenarioFile(path) of a missing file suggests the file of the other extension, else a close name, beside it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-missing-'));
    try {
      writeFileSync(join(dir, 'acme.yaml'), '');
      writeFileSync(join(dir, 'shop.json'), '');
      writeFileSync(join(dir, 'notes.txt'), '');
      expect(() => loadScenarioFile(join(dir, 'acme.yml'))).toThrow(
        `${join(dir, 'acme.yml')}: file not found (did you mean "${join(dir, 'acme.yaml')}"?)`,
      );
      expect(() => loadScenarioFile(join(dir, 'shop.yaml'))).toThrow(
        `${join(dir, 'shop.yaml')}: file not found (did you mean "${join(dir, 'shop.json')}"?)`,
      );
      expect(() => loadScenarioFile(join(dir, 'acmee.yaml'))).toThrow(
        `${join(dir, 'acmee.yaml')}: file not found (did you mean "${join(dir, 'acme.yaml')}"?)`,
      );
      // Only scenario files are suggested, and nothing far from the name.
      expect(() => loadScenarioFile(join(dir, 'notes.yaml'))).toThrow(/: file not found$/);
      expect(() => loadScenarioFile(join(dir, 'payments.yaml'))).toThrow(/: file not found$/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('loadScenarioFile(path) of a missing file names the file as given', () => {
    expect(() => loadScenarioFile('./nope/missing.yaml')).toThrow('./nope/missing.yaml: file not found');
  });

  it('a missing relative path says which folder it was looked in (a script runner may change directory)', () => {
    expect(() => loadScenarioFile('./nope/missing.yaml')).toThrow(
      `./nope/missing.yaml: file not found (looked in ${join(process.cwd(), 'nope')})`,
    );
    const absolute = join(process.cwd(), 'nope', 'missing.yaml');
    expect(() => loadScenarioFile(absolute)).toThrow(new RegExp(`${absolute}: file not found$`));
  });

  it('loadScenarioFile(path) of a folder says it is one', () => {
    const folder = import.meta.dirname;
    expect(() => loadScenarioFile(folder)).toThrow(
      `${folder}: is a directory, not a scenario file (give a .yaml, .yml or .json file)`,
    );
  });
});
