// The verdict of every bundled scenario, as the scenario docs state it: the table in docs/scenarios/README.md and
// each scenario page's "**Verdict: `…`**" line must equal what diagnose() finds; marked variants flip it.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { simulate } from '@meshsim/mesh';
import type { SimulationConfig } from '@meshsim/mesh';
import { listBundledScenarios, loadScenario, parseScenario } from '@meshsim/scenario';
import { describe, expect, it } from 'vitest';

import { diagnose, readScenarioSource, resolveWithOverrides } from '../../src/index.js';
import type { Verdict } from '../../src/index.js';

const DOCS = fileURLToPath(new URL('../../../../docs/scenarios/', import.meta.url));
const README = readFileSync(`${DOCS}README.md`, 'utf8');

/** The verdict column of the README's table, by scenario. */
function readmeVerdicts(): Map<string, string> {
  const rows = README.split('\n').flatMap((line) => {
    const match = /^\| `([a-z0-9-]+)` \| .* \| `([a-z-]+)` \| [^|]* \|$/.exec(line);
    return match === null ? [] : [[match[1] as string, match[2] as string] as const];
  });
  return new Map(rows);
}

/** The page of a scenario (the platform-40 cascades share one). */
function pageOf(name: string): string | undefined {
  const file = name.startsWith('platform-40-') ? 'platform-40-cascades' : name;
  const path = `${DOCS}${file}.md`;
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

function verdictOf(config: SimulationConfig): Verdict {
  return diagnose(config, simulate(config)).verdict;
}

/** A bundled scenario without its lines carrying `marker` (the variant its page describes). */
function without(name: string, marker: string): SimulationConfig {
  const file = listBundledScenarios().find((s) => s.name === name)?.file ?? '';
  const lines = readFileSync(file, 'utf8').split('\n');
  expect(lines.some((line) => line.includes(marker))).toBe(true);
  return parseScenario(lines.filter((line) => !line.includes(marker)).join('\n'), `${name}.yaml`);
}

const names = listBundledScenarios().map((s) => s.name);
const table = readmeVerdicts();

describe('verdicts of the bundled scenarios', () => {
  it('the README lists every bundled scenario with a verdict', () => {
    expect([...table.keys()].sort()).toEqual([...names].sort());
  });

  it.each(names)('%s: diagnose() gives the verdict its docs state', (name) => {
    const verdict = verdictOf(loadScenario(name));
    expect(table.get(name), 'README verdict column').toBe(verdict);
    const page = pageOf(name);
    if (page !== undefined) {
      const stated = name.startsWith('platform-40-')
        ? page.split(`## ${name}`)[1]?.split('\n## ')[0]
        : page.split('## Diagnosis')[1];
      expect(stated, `${name}: a "**Verdict: \`…\`**" line`).toContain(`**Verdict: \`${verdict}\``);
    }
  });

  it('the variants the pages describe flip the verdict', () => {
    expect(verdictOf(without('budget-vs-retries', '# budget'))).toBe('metastable');
    expect(verdictOf(without('lifo-vs-fifo', '# lifo'))).toBe('metastable');
    expect(verdictOf(without('deep-chain-retries', '# deep'))).toBe('degraded-recovered');
    const inversion = readScenarioSource('timeout-inversion');
    expect(
      verdictOf(resolveWithOverrides(inversion, [{ path: 'services.api.calls.0.timeout', value: '200ms' }])),
    ).toBe('degraded-recovered');
  });
});
