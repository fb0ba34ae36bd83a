// A call whose timeout is under half its callee's mean service time is warned of (most of its calls time out: often
// `timeout: 1` meant as a second); a timeout at or above half the mean, or none, is not.

import { describe, expect, it } from 'vitest';

import { simulate, staticWarnings } from '../../src/index.js';
import { call, config, poisson, policy, service } from '../__helpers__/configs.js';

function warningsWith(timeoutMs: number, perTryTimeoutMs = Infinity): string[] {
  const services = [
    service('web', { calls: [[call('db', policy(timeoutMs, 1, perTryTimeoutMs))]] }),
    // Mean 5 ms.
    service('db'),
  ];
  return simulate(config(services, [poisson('web', 20)], { durationMs: 500 })).warnings.filter((w) =>
    w.startsWith('web → db'),
  );
}

describe('checkTimeouts', () => {
  it('warns of a timeout under half the callee’s mean service time, naming both', () => {
    expect(warningsWith(1)).toEqual([
      "web → db: its timeout (1 ms) is under half of db's mean service time (5 ms), so most calls time out before db can answer (a bare number is milliseconds: write 1s for a second)",
    ]);
  });

  it('names the per-try timeout when it is the shorter one', () => {
    expect(warningsWith(1000, 2)[0]).toMatch(/^web → db: its per-try timeout \(2 ms\) is under half/);
  });

  it('says nothing from half the mean up, or without a timeout', () => {
    expect(warningsWith(2.5)).toEqual([]);
    expect(warningsWith(Infinity)).toEqual([]);
  });

  it('points at the timeout field, or at the call for a per-try timeout (written on the call or in its retry)', () => {
    const services = [
      service('web', { calls: [[call('db', policy(1))], [call('db', policy(1000, 1, 2)), call('db')]] }),
      service('db'),
    ];
    const paths = staticWarnings(config(services, [poisson('web', 20)]))
      .filter((w) => w.message.startsWith('web → db'))
      .map((w) => w.path);
    expect(paths).toEqual([
      ['services', 'web', 'calls', 0, 'timeout'],
      ['services', 'web', 'calls', 1, 'parallel', 0],
    ]);
  });
});
