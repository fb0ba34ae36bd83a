// Contract of a server request's tracked calls (deadline propagation): cancelling reaches the calls not yet
// finished, oldest first; a finished call leaves the list (so it can be reused) and the others keep their order.

import { describe, expect, it } from 'vitest';
import { ServerRequest } from '../../src/server/ServerRequest.js';
import type { CancellableCall, RequestHost } from '../../src/server/ServerRequest.js';
import type { InboundRequest } from '../../src/server/InboundRequest.js';

function tracked(
  name: string,
  log: string[],
): CancellableCall & { optional: boolean; failure: null; appFailure: null; appRetrier: null } {
  return {
    tracked: false,
    optional: false,
    failure: null,
    appFailure: null,
    appRetrier: null,
    cancel: () => log.push(name),
  };
}

function request(): ServerRequest {
  const host = { stageDone: () => undefined } as unknown as RequestHost;
  return new ServerRequest({} as InboundRequest, host, 0);
}

describe('ServerRequest tracked calls', () => {
  it('cancels the calls not finished, oldest first, and lets go of a finished one', () => {
    const log: string[] = [];
    const r = request();
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => tracked(n, log)) as [
      ReturnType<typeof tracked>,
      ReturnType<typeof tracked>,
      ReturnType<typeof tracked>,
      ReturnType<typeof tracked>,
    ];
    r.outstanding = 4;
    for (const call of [a, b, c]) r.trackCall(call);
    expect([a.tracked, b.tracked, c.tracked]).toEqual([true, true, true]);
    r.onCallDone(b, true);
    r.onCallDone(a, true); // the oldest finishes: the next tracked call must still come before a newer one
    r.trackCall(d);
    expect([a.tracked, b.tracked]).toEqual([false, false]);
    expect(r.trackedCalls).toBe(true);
    r.cancelCalls();
    expect(log).toEqual(['c', 'd']);
  });

  it('keeps nothing once every tracked call has finished', () => {
    const r = request();
    const a = tracked('a', []);
    r.outstanding = 1;
    r.trackCall(a);
    r.onCallDone(a, true);
    expect(r.trackedCalls).toBe(false);
  });

  it('a dead request keeps its calls (it is cancelling them): none is let go', () => {
    const r = request();
    const a = tracked('a', []);
    r.outstanding = 1;
    r.trackCall(a);
    r.dead = true;
    r.onCallDone(a, false);
    expect(a.tracked).toBe(true);
    expect(r.trackedCalls).toBe(true);
  });
});
