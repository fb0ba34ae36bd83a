import type { FaultConfig } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import { faultWindows } from '../../../src/internal/html/faultWindows.js';

const fault = (
  atMs: number,
  durationMs: number,
  effect: FaultConfig['effect'],
  instances = 1,
): FaultConfig => ({
  atMs,
  durationMs,
  service: 'catalog',
  instances,
  effect,
});

describe('faultWindows', () => {
  it("labels each fault, caps windows at the end of the run and drops faults after it; a crash loop's lasts until its restart", () => {
    const windows = faultWindows(
      [
        fault(40_000, Infinity, { kind: 'crash-node' }),
        fault(5_000, 10_000, { kind: 'latency', addMs: null, multiply: 3 }, Infinity),
        fault(70_000, 1_000, { kind: 'crash' }),
        fault(0, 30_000, { kind: 'control-plane-outage' }),
        fault(20_000, 5_000, { kind: 'crash-loop', runsForMs: 0 }),
      ],
      60_000,
    );
    expect(windows).toEqual([
      { startS: 0, endS: 30, label: 'control-plane outage' },
      { startS: 5, endS: 15, label: 'latency ×3: catalog (all instances)' },
      // Until its restart after the fault (the kubelet's backoff: at once at 20 s, then 10 s after the next crash).
      {
        startS: 20,
        endS: 30,
        label: 'crash loop: catalog (1 instance), fault until 25 s, down until its restart at 30 s',
      },
      { startS: 40, endS: 60, label: 'node crash: catalog (1 instance)' },
    ]);
  });

  it('labels a percentage of pods with the count it resolved to', () => {
    const windows = faultWindows(
      [{ ...fault(0, 10_000, { kind: 'crash' }, 3), instancesPercent: 30 }],
      60_000,
    );
    expect(windows.map((w) => w.label)).toEqual(['crash: catalog (3 instances: 30 % of its pods)']);
  });

  it('faults over the same span share one window', () => {
    const windows = faultWindows(
      [
        fault(10_000, 20_000, { kind: 'crash-proxy', proxy: 'ztunnel' }),
        fault(10_000, 20_000, { kind: 'crash-proxy', proxy: 'sidecar' }),
        fault(10_000, 20_000, { kind: 'error', rate: 0.25 }, 2),
      ],
      60_000,
    );
    expect(windows).toEqual([
      {
        startS: 10,
        endS: 30,
        label:
          'ztunnel crash: catalog (1 instance); sidecar crash: catalog (1 instance); 25 % errors: catalog (2 instances)',
      },
    ]);
  });
});
