// Contract of refusedRetryOn: the retryOn entries Istio's validating webhook refuses.

import { describe, expect, it } from 'vitest';

import { refusedRetryOn } from '../../../src/internal/istio/refusedRetryOn.js';

describe('refusedRetryOn', () => {
  it('accepts the policies Istio lists and status codes Go names', () => {
    expect(refusedRetryOn('5xx,gateway-error,reset-before-request,unavailable,503,429,+502')).toEqual([]);
  });

  it('refuses what Istio refuses: unknown policies, padded or empty entries, numbers with no status name', () => {
    expect(refusedRetryOn('gateway-error, 503 ,bogus')).toEqual([' 503 ', 'bogus']);
    expect(refusedRetryOn('5xx,')).toEqual(['']);
    expect(refusedRetryOn('5xx,306,999,0')).toEqual(['306', '999', '0']);
    expect(refusedRetryOn('5XX')).toEqual(['5XX']);
  });
});
