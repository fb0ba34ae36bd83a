// The stderr line of a stopped run stays one line: its message names traffic sources, whose names may hold a newline.

import { describe, expect, it } from 'vitest';

import { stoppedLine } from '../../src/internal/runGuards.js';

describe('stoppedLine', () => {
  it('escapes control characters of the message (a source name cannot forge a line)', () => {
    const line = stoppedLine({ reason: 'zeno', atMs: 10, message: 'traffic sources: a\nmeshsim: all good' });
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain(': traffic sources: a\\nmeshsim: all good; the results cover that span only');
  });
});
