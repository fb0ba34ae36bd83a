import { describe, expect, it } from 'vitest';

import { degradedServiceSeconds } from '../../src/internal/blastRadius.js';
import { makeResult, makeStoppedResult } from '../__helpers__/fixtures.js';

describe('degradedServiceSeconds', () => {
  it('adds up the seconds each service had more than 1 % of its inbound calls fail', () => {
    // frontend: 5/3995 then 90/4000 failed (only the second 5 s count); checkout: 3/3993, then 90/90.
    expect(degradedServiceSeconds(makeResult())).toBe(10);
  });

  it('counts the last interval to where the run ended: a run a guard stopped at 4 s has a 4 s interval', () => {
    // One interval, 0–4 s, in which both services had more than 1 % of their inbound calls fail.
    expect(degradedServiceSeconds(makeStoppedResult())).toBe(8);
  });
});
