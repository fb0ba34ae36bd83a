// What the outputs record of a command line's changes to the scenario (writtenOverrides): --seed, --duration,
// --mesh and each --set, as written, in the order they are applied.

import { describe, expect, it } from 'vitest';

import { parseCompareArgs } from '../../src/commands/compare.js';
import { parseRunArgs } from '../../src/commands/run.js';
import { writtenOverrides } from '../../src/internal/scenarioArgs.js';

describe('writtenOverrides', () => {
  it('names nothing when the command line changes nothing', () => {
    const parsed = parseRunArgs(['incident.yaml', '--json', '--html', 'r.html']);
    if (parsed === 'help') throw new Error('help');
    expect(writtenOverrides(parsed, parsed.mesh)).toEqual([]);
  });

  it('names --seed, --duration, --mesh, then each --set as written, in the order they are applied', () => {
    const parsed = parseRunArgs([
      'incident.yaml',
      '--set',
      ' services.db.deadlinePropagation=true ',
      '--mesh',
      'linkerd',
      '--duration',
      '1.5s',
      '--set',
      'mesh.istioVersion="1.20"',
      '--seed',
      '7',
    ]);
    if (parsed === 'help') throw new Error('help');
    // Each is the --set that makes the same change: a quoted value keeps its quotes, the duration its unit.
    expect(writtenOverrides(parsed, parsed.mesh)).toEqual([
      'seed=7',
      'duration=1.5s',
      'mesh=linkerd',
      'services.db.deadlinePropagation=true',
      'mesh.istioVersion="1.20"',
    ]);
  });

  it('compare: the shapes compared are not overrides; its --seed, --duration and --set are', () => {
    const parsed = parseCompareArgs([
      'incident.yaml',
      '--mesh',
      'none,linkerd',
      '--seed',
      '3',
      '--set',
      'traffic.0.rate=800',
    ]);
    if (parsed === 'help') throw new Error('help');
    expect(writtenOverrides(parsed)).toEqual(['seed=3', 'traffic.0.rate=800']);
  });
});
