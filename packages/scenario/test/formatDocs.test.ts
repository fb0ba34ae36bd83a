// Keeps docs/scenario-format.md's mesh, fault and traffic sections in step with the loader: every YAML
// example there loads, the routing example routes, and the proxy-role table lists exactly the roles `crashProxy` accepts.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { simulate } from '@meshsim/mesh';
import { PROXY_ROLES } from '../src/schema.js';
import { resolveScenario } from '../src/index.js';
import { minimal } from './__helpers__/scenarios.js';

const page = readFileSync(
  fileURLToPath(new URL('../../../docs/scenario-format.md', import.meta.url)),
  'utf8',
);

/** The text of the `## heading` section, up to the next `## `. */
function section(heading: string): string {
  const start = page.indexOf(`\n## ${heading}\n`);
  expect(start, `docs/scenario-format.md has a section "## ${heading}"`).toBeGreaterThanOrEqual(0);
  const rest = page.slice(start + 1);
  const end = rest.indexOf('\n## ', 1);
  return end === -1 ? rest : rest.slice(0, end);
}

/** The ```yaml blocks of a section. */
function yamlBlocks(text: string): string[] {
  return [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

/** A minimal scenario around an example block, with every service it names (4 replicas each). */
function around(block: Record<string, unknown>): Record<string, unknown> {
  const scenario = minimal();
  const faults = (block['faults'] ?? []) as { service?: string }[];
  const mesh = block['mesh'] as { libraryServices?: string[] } | undefined;
  const named = [...faults.map((f) => f.service), ...(mesh?.libraryServices ?? [])];
  for (const name of named) {
    if (name !== undefined && !(name in scenario.services)) scenario.services[name] = { serviceTime: '1ms' };
  }
  for (const service of Object.values(scenario.services)) service['replicas'] = 4;
  return { ...scenario, duration: '10m', ...block };
}

describe('docs/scenario-format.md', () => {
  it.each([['Mesh'], ['Faults'], ['Clusters']])('every YAML example of the %s section loads', (heading) => {
    const blocks = yamlBlocks(section(heading));
    expect(blocks.length).toBeGreaterThan(1);
    for (const text of blocks) {
      const block = parse(text) as Record<string, unknown>;
      expect(() => resolveScenario(around(block), 'example.yaml'), text).not.toThrow();
    }
  });

  it('the meshed load generator example of the Traffic section (`from`) loads as it stands', () => {
    const meshed = yamlBlocks(section('Traffic')).find((text) => text.includes('from:'));
    expect(meshed).toBeDefined();
    const config = resolveScenario(parse(meshed ?? '') as Record<string, unknown>, 'example.yaml');
    expect(config.traffic[0]).toMatchObject({
      name: 'wrk2',
      from: 'loadgen',
      to: 'frontend',
      policySet: false,
    });
    expect(config.services.find((s) => s.name === 'loadgen')?.dedicatedNodes).toBe(true);
  });

  it('the routing example of the Calls section sends each request to exactly one service', () => {
    const routing = yamlBlocks(section('Calls and parallel groups')).find((text) =>
      text.includes('forClasses'),
    );
    expect(routing).toBeDefined();
    const block = parse(routing ?? '') as { services: Record<string, unknown> };
    for (const bff of ['web-bff', 'mobile-bff', 'partner-bff']) block.services[bff] = { serviceTime: '1ms' };
    const result = simulate(resolveScenario({ ...block, duration: '2s' }, 'example.yaml'));
    const calls = (from: string, to: string): number =>
      result.edges.find((e) => e.source === from && e.destination === to)?.calls ?? 0;
    // Each BFF gets its route's requests and no other: as many calls as its class's source made, less the few the
    // gateway was still serving at the end.
    for (const [source, bff] of [
      ['web-users', 'web-bff'],
      ['mobile-users', 'mobile-bff'],
      ['partners', 'partner-bff'],
    ] as const) {
      const routed = calls(source, 'gateway');
      expect(routed, source).toBeGreaterThan(200);
      expect(calls('gateway', bff), bff).toBeLessThanOrEqual(routed);
      expect(calls('gateway', bff), bff).toBeGreaterThan(routed - 10);
    }
  });

  it('the crashProxy role table lists every proxy role, in order', () => {
    const faults = section('Faults');
    const table = faults.slice(
      faults.indexOf('Which proxies `crashProxy` hits'),
      faults.indexOf('Latency forms'),
    );
    const rows = table
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split('|')[1]?.trim().replaceAll('`', ''));
    expect(rows).toEqual(PROXY_ROLES);
  });
});
