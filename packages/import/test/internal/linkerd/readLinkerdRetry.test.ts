// retry.linkerd.io/http conditions → meshsim retry conditions.

import { describe, expect, it } from 'vitest';

import { mapLinkerdHttpRetry } from '../../../src/internal/linkerd/readLinkerdRetry.js';

describe('mapLinkerdHttpRetry', () => {
  it('maps 5xx, gateway-error, 503 and ranges covering them', () => {
    expect(mapLinkerdHttpRetry('5xx,gateway-error,503,500-599,502-504,429')).toEqual({
      conditions: ['5xx', 'gateway-error', 'overflow'],
      dropped: ['429'],
    });
  });
});
