import { describe, expect, it } from 'vitest';

import { degradedServiceSeconds } from '../../../src/internal/html/blastRadius.js';
import { makeResult } from '../../__helpers__/fixtures.js';

describe('degradedServiceSeconds', () => {
  it('adds up the seconds each service had more than 1 % of its inbound calls fail', () => {
    // frontend: 5/3995 then 90/4000 failed (only the second 5 s count); checkout: 3/3993, then 90/90.
    expect(degradedServiceSeconds(makeResult())).toBe(10);
  });
});
