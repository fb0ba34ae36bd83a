// keepDefaultRetry: a call that wrote only a timeout keeps the mesh's default retry; any other policy is as written.

import { describe, expect, it } from 'vitest';

import type { CallPolicy, RetryPolicy } from '../../../src/index.js';
import { keepDefaultRetry } from '../../../src/shapes/sidecar/keepDefaultRetry.js';
import { policy } from '../../__helpers__/configs.js';

const MESH_RETRY: RetryPolicy = policy(15_000, 3).retry;

describe('keepDefaultRetry', () => {
  it('gives a timeout-only call (retryUnwritten) the mesh retry, keeping its timeout', () => {
    const written: CallPolicy = { ...policy(2000), retryUnwritten: true };
    expect(keepDefaultRetry(written, MESH_RETRY)).toEqual({ ...written, retry: MESH_RETRY });
  });

  it('returns any other policy itself', () => {
    const written = policy(2000);
    expect(keepDefaultRetry(written, MESH_RETRY)).toBe(written);
  });
});
