// Istio retryOn → meshsim retry conditions.

import { describe, expect, it } from 'vitest';

import { mapRetryOn } from '../../../src/internal/istio/mapRetryOn.js';

describe('mapRetryOn', () => {
  it('maps the Envoy policies meshsim models and 503, each once', () => {
    expect(
      mapRetryOn('5xx, gateway-error,connect-failure,reset,refused-stream,503,retriable-status-codes'),
    ).toEqual({
      conditions: ['5xx', 'gateway-error', 'connect-failure', 'reset', 'overflow'],
      dropped: [],
    });
  });

  it('lists what it cannot map', () => {
    expect(mapRetryOn('cancelled,unavailable,retriable-4xx,504')).toEqual({
      conditions: [],
      dropped: ['cancelled', 'unavailable', 'retriable-4xx', '504'],
    });
  });
});
