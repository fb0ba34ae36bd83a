// Istio retryOn → meshsim retry conditions.

import { describe, expect, it } from 'vitest';

import { mapRetryOn } from '../../../src/internal/istio/mapRetryOn.js';

describe('mapRetryOn', () => {
  it('maps the Envoy policies meshsim models and 503, each once', () => {
    expect(mapRetryOn('5xx, gateway-error,connect-failure,reset,503,retriable-status-codes,5xx')).toEqual({
      conditions: ['5xx', 'gateway-error', 'connect-failure', 'reset', 'overflow'],
      dropped: [],
    });
  });

  it('does not take refused-stream for reset: Envoy retries only a REFUSED_STREAM reset, which no outcome is', () => {
    expect(mapRetryOn('connect-failure,refused-stream')).toEqual({
      conditions: ['connect-failure'],
      dropped: ['refused-stream'],
    });
  });

  it('lists what it cannot map', () => {
    expect(mapRetryOn('cancelled,unavailable,retriable-4xx,504')).toEqual({
      conditions: [],
      dropped: ['cancelled', 'unavailable', 'retriable-4xx', '504'],
    });
  });
});
