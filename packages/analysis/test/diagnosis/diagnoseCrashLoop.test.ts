// diagnose() on crash loops: the fault's trigger lasts until its containers' first start at or after the fault's end
// (the kubelet's backoff, crashLoopRestartMs), not the fault's end: a run that ends before that restart is
// unresolved, and one that recovers right after it recovers after its trigger.

import { simulate } from '@meshsim/mesh';
import { parseScenario } from '@meshsim/scenario';
import { describe, expect, it } from 'vitest';

import { diagnose } from '../../src/index.js';

/** One service of one pod, crash-looping from 20 s to 120 s; no retries anywhere. */
function crashLoop(duration: string, probe = ''): ReturnType<typeof parseScenario> {
  return parseScenario(
    `duration: ${duration}
services:
  payments: { serviceTime: 2ms${probe} }
traffic: [ { name: users, to: payments, rate: 20 } ]
faults:
  - { at: 20s, for: 100s, service: payments, crashLoop: true }
`,
    'loop.yaml',
  );
}

describe('diagnose: a crash loop', () => {
  it('lasts until the restart after the fault (170 s): a run ending at 150 s is unresolved, not metastable', () => {
    const config = crashLoop('150s');
    const diagnosis = diagnose(config, simulate(config));
    expect(diagnosis.triggers).toEqual([
      {
        kind: 'fault',
        description: 'crash-loop fault on payments, 20 s–120 s, down until its restart at 170 s',
        origin: 'payments crash-looping 20 s–120 s, down until its restart at 170 s (crash-loop fault)',
        startMs: 20_000,
        endMs: 170_000,
        faultEndMs: 120_000,
      },
    ]);
    expect(diagnosis.verdict).toBe('unresolved');
    expect(diagnosis.sources[0]?.reason).toContain('170 s');
  });

  it('recovers after its trigger when the pod is back: the recovery is counted from the restart', () => {
    const config = crashLoop('240s', ', readinessProbe: { initialDelay: 2s, period: 1s }');
    const diagnosis = diagnose(config, simulate(config));
    expect(diagnosis.verdict).toBe('degraded-recovered');
    expect(diagnosis.lastTriggerEndMs).toBe(170_000);
    const [users] = diagnosis.sources;
    // Back with the pod: Ready 2–3 s after its restart at 170 s (its first probe), so within the next 5 s window.
    expect(users?.recoveredAtMs).toBeGreaterThanOrEqual(170_000);
    expect(diagnosis.recoveryMs).toBeGreaterThanOrEqual(0);
    expect(diagnosis.recoveryMs).toBeLessThan(10_000);
  });
});
