// ztunnel's worker threads: 2, ztunnel's own default (DEFAULT_WORKER_THREADS in istio/ztunnel src/config.rs),
// printed with its source, not as an assumption.

import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/index.js';
import { meshOf, twoClusterConfig } from '../../__helpers__/shapeHarness.js';

describe('istio-ambient: ztunnel workers', () => {
  it("runs 2 worker threads, ztunnel's DEFAULT_WORKER_THREADS, and says where the figure comes from", () => {
    const result = simulate({ ...twoClusterConfig(meshOf('istio-ambient')), durationMs: 100 });
    expect(result.scenario.meshProfiles?.find((p) => p.kind === 'ztunnel')?.workers).toBe(2);
    const lines = result.assumptions.join('\n');
    expect(lines).not.toContain('2 ztunnel worker threads is an assumption');
    expect(lines).toContain('DEFAULT_WORKER_THREADS');
  });
});
