// The status and Envoy flags a mesh's proxies report for meshsim outcomes (Istio's response_code and
// response_flags labels).

import { describe, expect, it } from 'vitest';

import { CALL_FLAG, destinationResponse, flagsLabel, sourceResponse } from '../../src/internal/index.js';

describe('sourceResponse', () => {
  it.each([
    [null, 200, '-'],
    ['timeout', 504, 'UT'],
    ['per-try-timeout', 504, 'UT'],
    ['connect-failure', 503, 'UF'],
    ['reset', 503, 'UC'],
    ['no-endpoints', 503, 'UH'],
    ['breaker-open', 503, 'UO'],
    ['error', 500, '-'],
    ['rejected', 503, '-'],
    ['rate-limited', 429, '-'],
    ['denied', 403, '-'],
    ['deadline-exceeded', 504, '-'],
  ] as const)('%s → %i %s', (cause, code, flags) => {
    const response = sourceResponse(cause, 0);
    expect([response.code, flagsLabel(response)]).toEqual([code, flags]);
  });

  it("adds the flags a call earned, in Envoy's order", () => {
    expect(flagsLabel(sourceResponse('connect-failure', CALL_FLAG.retryLimitExceeded))).toBe('UF,URX');
    expect(flagsLabel(sourceResponse('error', CALL_FLAG.faultInjected | CALL_FLAG.delayInjected))).toBe(
      'DI,FI',
    );
    expect(flagsLabel(sourceResponse('rejected', CALL_FLAG.retryOverflow))).toBe('UO');
    expect(flagsLabel(sourceResponse(null, CALL_FLAG.delayInjected))).toBe('DI');
  });
});

describe('destinationResponse', () => {
  it('reports what the instance answered, RL for its rate limit, 0 DC when the caller hung up', () => {
    expect(destinationResponse('ok', false)).toEqual({ code: 200, flags: [] });
    expect(destinationResponse('rate-limited', false)).toEqual({ code: 429, flags: ['RL'] });
    expect(destinationResponse('connect-failure', false)).toEqual({ code: 503, flags: ['UF'] });
    expect(destinationResponse('ok', true)).toEqual({ code: 0, flags: ['DC'] });
  });
});
