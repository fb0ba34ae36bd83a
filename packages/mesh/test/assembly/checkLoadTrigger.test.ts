// `loadTrigger: false` on a source whose rate never changes does nothing (its schedule has no spike for the
// diagnosis to take as a trigger either way): the run says so at the field rather than ignoring it.

import { describe, expect, it } from 'vitest';

import { simulate, staticWarnings } from '../../src/index.js';
import type { OpenTrafficConfig, RatePoint } from '../../src/index.js';
import { config, poisson, service } from '../__helpers__/configs.js';

const source = (rate: RatePoint[], loadTrigger: boolean | undefined): OpenTrafficConfig => ({
  ...(poisson('a', 10) as OpenTrafficConfig),
  rate,
  ...(loadTrigger !== undefined && { loadTrigger }),
});
const scenario = (rate: RatePoint[], loadTrigger: boolean | undefined) =>
  config([service('a')], [poisson('a', 5, undefined, 'other'), source(rate, loadTrigger)], {
    durationMs: 100,
  });
const CONSTANT: RatePoint[] = [{ atMs: 0, rps: 10, rampToNext: false }];
const warnings = (rate: RatePoint[], loadTrigger: boolean | undefined) =>
  staticWarnings(scenario(rate, loadTrigger)).filter((w) => w.message.includes('loadTrigger'));

describe('loadTrigger on a constant-rate source', () => {
  it('false warns at the field: the rate never rises above its base, so there is nothing not to trigger', () => {
    const message =
      'traffic client: loadTrigger: false has no effect: its rate never rises above its base rate (a constant 10 req/s), so the diagnosis finds no load trigger in it either way';
    expect(warnings(CONSTANT, false)).toEqual([{ message, path: ['traffic', 1, 'loadTrigger'] }]);
    const twoPoints: RatePoint[] = [...CONSTANT, { atMs: 50, rps: 10, rampToNext: false }];
    expect(warnings(twoPoints, false)).toHaveLength(1);
    expect(simulate(scenario(CONSTANT, false)).warnings).toContain(message);
  });

  it('stays quiet for a schedule that changes, and for loadTrigger true or not written', () => {
    const ramp: RatePoint[] = [
      ...CONSTANT,
      { atMs: 50, rps: 20, rampToNext: false },
      { atMs: 80, rps: 10, rampToNext: false },
    ];
    expect(warnings(ramp, false)).toEqual([]);
    expect(warnings(CONSTANT, true)).toEqual([]);
    expect(warnings(CONSTANT, undefined)).toEqual([]);
  });
});
