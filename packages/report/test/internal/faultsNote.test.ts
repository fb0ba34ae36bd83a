// The comparison notes, in text, HTML and JSON, that the scenario has faults: each shape's added latency then includes what
// the faults did under it, so it says how to compare the mesh's steady-state overhead (`--set faults=null`).

import { diagnose } from '@meshsim/analysis';
import { simulate } from '@meshsim/mesh';
import type { SimulationConfig, SimulationResult } from '@meshsim/mesh';
import { applyOverrides, resolveScenario } from '@meshsim/scenario';
import { describe, expect, it } from 'vitest';

import {
  renderComparisonHtml,
  renderComparisonJson,
  renderComparisonText,
  summarizeComparison,
} from '../../src/index.js';

/** The comparison JSON's faults and notes. */
function jsonNotes(summary: ReturnType<typeof summarizeComparison>): { faults: string[]; notes: string[] } {
  const { faults, notes } = JSON.parse(renderComparisonJson(summary)) as {
    faults: string[];
    notes: string[];
  };
  return { faults, notes };
}

const NOTE = 'Note: The scenario has faults (';
const HOW = "For the mesh's steady-state overhead, compare without them: --set faults=null.";
/** The same, as the HTML escapes it. */
const HOW_HTML = HOW.replace("'", '&#39;');

/** web → db under none and linkerd, db slowed ×4 from 1 s to 2 s when `faulted`. */
function compared(faulted: boolean): { config: SimulationConfig; results: SimulationResult[] } {
  const config = resolveScenario({
    name: 'slow-db',
    duration: '3s',
    mesh: 'linkerd',
    services: { web: { serviceTime: '1ms', calls: [{ to: 'db' }] }, db: { serviceTime: '2ms' } },
    traffic: [{ name: 'users', to: 'web', rate: '50/s' }],
    ...(faulted && { faults: [{ at: '1s', for: '1s', service: 'db', latency: 'x4' }] }),
  });
  return { config, results: ['none', 'linkerd'].map((mesh) => simulate(applyOverrides(config, { mesh }))) };
}

describe('the faults note of a comparison', () => {
  it("names the config's faults and says the added latencies include their effect, in text and HTML", () => {
    const { config, results } = compared(true);
    const summary = summarizeComparison(results, { config });
    expect(summary.faults).toEqual(['latency ×4: db (all instances)']);
    const text = renderComparisonText(summary);
    expect(text).toContain(
      `${NOTE}latency ×4: db (all instances)): the added latencies include their effect, which differs per shape`,
    );
    expect(text).toContain(HOW);
    expect(renderComparisonHtml(results, { config })).toContain(HOW_HTML);
  });

  it('is in the JSON too: the faults listed, and the note among the notes, as the text words it', () => {
    const { config, results } = compared(true);
    const summary = summarizeComparison(results, { config });
    const { faults, notes } = jsonNotes(summary);
    expect(faults).toEqual(['latency ×4: db (all instances)']);
    const note = notes.find((n) => n.startsWith('The scenario has faults ('));
    expect(note).toBeDefined();
    expect(note).toContain(HOW);
    expect(renderComparisonText(summary)).toContain(`Note: ${note ?? ''}`);
    // Without faults: none listed, no such note.
    const unfaulted = compared(false);
    const steady = jsonNotes(summarizeComparison(unfaulted.results, { config: unfaulted.config }));
    expect(steady.faults).toEqual([]);
    expect(steady.notes.some((n) => n.includes('--set faults=null'))).toBe(false);
  });

  it('names the faults as the diagnoses give them when the comparison has no config', () => {
    const { config, results } = compared(true);
    const diagnoses = results.map((result) =>
      diagnose(applyOverrides(config, { mesh: result.scenario.mesh }), result),
    );
    const summary = summarizeComparison(results, { diagnoses });
    expect(summary.faults).toEqual(['latency fault on db']);
    expect(renderComparisonText(summary)).toContain(`${NOTE}latency fault on db): `);
  });

  it('is absent without faults, and when the comparison knows neither config nor diagnoses', () => {
    const { config, results } = compared(false);
    expect(summarizeComparison(results, { config }).faults).toBeUndefined();
    expect(renderComparisonText(summarizeComparison(results, { config }))).not.toContain(NOTE);
    expect(renderComparisonHtml(results, { config })).not.toContain(HOW_HTML);
    expect(renderComparisonText(summarizeComparison(compared(true).results))).not.toContain(NOTE);
  });
});
