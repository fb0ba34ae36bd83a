// A warning of a scenario file prints on one line: its reason can name a traffic source, whose name may hold a newline.

import { describe, expect, it } from 'vitest';

import { scenarioWarningLine } from '../../src/internal/scenarioWarningLines.js';

describe('scenarioWarningLine', () => {
  it('escapes control characters of the warning, as the tables do', () => {
    const line = scenarioWarningLine({
      file: 'my.yaml',
      path: 'traffic[0]',
      reason: 'source a\nwarning: forged has no retry',
      line: 3,
      column: 5,
    });
    expect(line).toBe('warning: my.yaml:3:5: traffic[0]: source a\\nwarning: forged has no retry');
  });
});
