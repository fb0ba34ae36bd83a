// Under `linkerd`, a written retry runs as linkerd2-proxy runs it: Linkerd's own 25–250 ms backoff before each
// retry, no retry of failed connections or resets; what it does not run as written is warned at its field.

import { describe, expect, it } from 'vitest';

import { resolveMeshConfig, staticWarnings } from '../../../src/index.js';
import type { CallPolicy, SimulationConfig } from '../../../src/index.js';
import { backoffDelayMs } from '../../../src/call/backoff.js';
import { LINKERD_MESH } from '../../../src/shapes/linkerd/linkerdShape.js';
import { LINKERD_RETRY_BACKOFF, linkerdRetryPolicy } from '../../../src/shapes/linkerd/linkerdRetry.js';
import { call, config, poisson, service } from '../../__helpers__/configs.js';

const written: CallPolicy = {
  timeoutMs: 2000,
  perTryTimeoutMs: 500,
  retry: {
    maxAttempts: 3,
    retryOn: ['5xx', 'connect-failure', 'reset'],
    backoff: { baseMs: 100, maxMs: 1000, jitter: 'equal' },
  },
};

function linkerdConfig(policy: CallPolicy, mesh: Record<string, unknown> = {}): SimulationConfig {
  const cfg = config(
    [service('web', { calls: [[call('db', policy)]] }), service('db')],
    [poisson('web', 10)],
    { durationMs: 1000 },
  );
  return { ...cfg, mesh: resolveMeshConfig({ shape: 'linkerd', ...mesh }) };
}

describe('linkerd retries', () => {
  it("run with Linkerd's backoff and without the conditions linkerd2-proxy does not retry", () => {
    const run = linkerdRetryPolicy(written);
    expect(run.retry.backoff).toEqual({ baseMs: 25, maxMs: 250, jitter: 'linkerd' });
    expect(run.retry.retryOn).toEqual(['5xx']);
    expect(run.retry.maxAttempts).toBe(3);
    expect(run.timeoutMs).toBe(2000);
    expect(run.perTryTimeoutMs).toBe(500);
  });

  it('leave a policy without retries as written', () => {
    const none: CallPolicy = { ...written, retry: { ...written.retry, maxAttempts: 1 } };
    expect(linkerdRetryPolicy(none)).toBe(none);
  });

  it("wait linkerd exp-backoff's b + uniform(0, b), capped at 250 ms, b doubling from 25 ms", () => {
    const lowest = () => 0;
    const highest = () => 0.999_999;
    const at = (retry: number, random: () => number) =>
      backoffDelayMs(LINKERD_RETRY_BACKOFF, retry, 0, random);
    expect([1, 2, 3, 4, 5].map((r) => at(r, lowest))).toEqual([25, 50, 100, 200, 250]);
    expect([1, 2, 3, 4, 5].map((r) => Math.round(at(r, highest)))).toEqual([50, 100, 200, 250, 250]);
  });

  it('are warned of once per field: the written backoff and the dropped conditions', () => {
    const warnings = staticWarnings(linkerdConfig(written));
    const backoff = warnings.filter((w) => w.message.startsWith('retry.backoff of web → db'));
    const retryOn = warnings.filter((w) =>
      w.message.startsWith('retry.retryOn connect-failure, reset of web → db'),
    );
    expect(backoff.map((w) => w.path)).toEqual([['services', 'web', 'calls', 0, 'retry', 'backoff']]);
    expect(backoff[0]?.message).toContain('retry.linkerd.io/');
    expect(retryOn.map((w) => w.path)).toEqual([['services', 'web', 'calls', 0, 'retry', 'retryOn']]);
  });

  it("give no backoff warning for an unwritten backoff (meshsim's default) and none for a policy without retries", () => {
    const plain: CallPolicy = {
      ...written,
      retry: { ...written.retry, retryOn: ['5xx'], backoff: { baseMs: 25, maxMs: 250, jitter: 'full' } },
    };
    const noRetry: CallPolicy = { ...written, retry: { ...written.retry, maxAttempts: 1 } };
    for (const policy of [plain, noRetry]) {
      expect(staticWarnings(linkerdConfig(policy)).filter((w) => w.message.startsWith('retry.'))).toEqual([]);
    }
  });

  it('apply to a written mesh.defaultPolicy, which is warned of at its field', () => {
    expect(LINKERD_MESH.runDefaultPolicy?.(written)).toEqual(linkerdRetryPolicy(written));
    const paths = staticWarnings(linkerdConfig(written, { defaultPolicy: written }))
      .filter((w) => w.message.includes('of mesh.defaultPolicy'))
      .map((w) => w.path);
    expect(paths).toEqual([
      ['mesh', 'defaultPolicy', 'retry', 'backoff'],
      ['mesh', 'defaultPolicy', 'retry', 'retryOn'],
    ]);
  });
});
