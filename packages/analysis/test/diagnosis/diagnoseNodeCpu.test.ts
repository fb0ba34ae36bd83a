// End to end: a run whose only node's CPU saturates while no service is busy — the diagnosis names the node, where
// it said before that nothing it reaches was overloaded.

import { simulate } from '@meshsim/mesh';
import { resolveScenario } from '@meshsim/scenario';
import { describe, expect, it } from 'vitest';

import { diagnose } from '../../src/index.js';

describe('diagnose: node CPU', () => {
  it('names a saturated node as the overload of a lossy source whose calls time out at an idle service', () => {
    // One 1-core node: api (8 ms of CPU a call) and db (2 ms) at 96 req/s use ~0.96 cores; db's work waits for a core
    // behind api's, so api's 5 ms timeouts fire, while neither service has many workers busy.
    const config = resolveScenario({
      name: 'busy-node',
      duration: '20s',
      nodeCpu: 1,
      clusters: [{ name: 'c1', zones: [{ name: 'a', nodes: 1 }] }],
      services: {
        api: {
          concurrency: 1000,
          cpuRequest: '500m',
          serviceTime: '8ms',
          serviceTimeCpu: 1,
          calls: [{ to: 'db', timeout: '5ms' }],
        },
        db: { concurrency: 64, cpuRequest: '500m', serviceTime: '2ms', serviceTimeCpu: 1 },
      },
      traffic: [{ name: 'users', to: 'api', rate: 96 }],
    });
    const result = simulate(config);
    expect(result.services.every((s) => s.utilisation < 0.9)).toBe(true);
    const diagnosis = diagnose(config, result);
    expect(diagnosis.verdict).toBe('stable');
    expect(diagnosis.lossy).toBe(true);
    expect(diagnosis.resources?.nodes.map((n) => n.node)).toEqual(['c1/a/node-1']);
    expect(diagnosis.resources?.nodes[0]?.utilisation).toBeGreaterThanOrEqual(0.9);
    expect(diagnosis.reason).toMatch(
      /lost [\d.]+ % of offered calls throughout: the load exceeds what the system serves — node c1\/a\/node-1 CPU saturated \([\d.]+ % busy\); on every node together, applications waited [\d.]+ s for a core \(summed over tasks\); failed calls over the run: error \d+, behind them api → db: timeout \d+$/,
    );
    expect(diagnosis.reason).not.toContain('no service it calls is saturated');
  });

  it('has no resources when nodes have no CPU model', () => {
    const config = resolveScenario({
      duration: '6s',
      services: { api: { serviceTime: '5ms' } },
      traffic: [{ name: 'users', to: 'api', rate: 20 }],
    });
    expect(diagnose(config, simulate(config)).resources).toBeUndefined();
  });
});
