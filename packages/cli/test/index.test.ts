// The CLI's public API is a contract: `main` and its stream types, nothing else.

import { describe, expect, it } from 'vitest';

import * as cli from '../src/index.js';

describe('@meshsim/cli', () => {
  it('exports exactly main()', () => {
    expect(Object.keys(cli).sort()).toEqual(['main', 'runProcess']);
  });
});
