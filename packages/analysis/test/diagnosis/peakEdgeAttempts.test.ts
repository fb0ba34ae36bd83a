// The edge that retried most during the triggers: a gateway whose one callee of three retries into a slowed
// database shows its storm per edge, where the per-depth figure divides it by every request the gateway got.

import { simulate } from '@meshsim/mesh';
import { resolveScenario } from '@meshsim/scenario';
import { describe, expect, it } from 'vitest';

import { cascadeFigures, diagnose, peakEdgeAttempts } from '../../src/index.js';

const GATEWAY = resolveScenario({
  duration: '40s',
  mesh: 'none',
  services: {
    gateway: {
      replicas: 2,
      concurrency: 64,
      serviceTime: '1ms',
      calls: [
        { to: 'orders', forClasses: ['orders'] },
        { to: 'catalog', forClasses: ['catalog'] },
        { to: 'profile', forClasses: ['profile'] },
      ],
    },
    orders: {
      replicas: 2,
      concurrency: 64,
      serviceTime: '1ms',
      calls: [{ to: 'orders-db', timeout: '2s', retry: { attempts: 3, perTryTimeout: '300ms' } }],
    },
    'orders-db': { replicas: 2, concurrency: 64, serviceTime: '2ms' },
    catalog: { replicas: 2, concurrency: 64, serviceTime: '2ms' },
    profile: { replicas: 2, concurrency: 64, serviceTime: '2ms' },
  },
  traffic: [
    { name: 'orders-users', to: 'gateway', rate: 100, requestClass: 'orders' },
    { name: 'catalog-users', to: 'gateway', rate: 300, requestClass: 'catalog' },
    { name: 'profile-users', to: 'gateway', rate: 100, requestClass: 'profile' },
  ],
  faults: [{ at: '10s', for: '10s', service: 'orders-db', latency: '+500ms' }],
});

describe('peakEdgeAttempts', () => {
  it('names the retrying edge and its attempts per call, which the per-depth peak dilutes', () => {
    const result = simulate(GATEWAY);
    const diagnosis = diagnose(GATEWAY, result);
    const peak = peakEdgeAttempts(result, diagnosis);
    expect(peak?.edge).toBe('orders → orders-db');
    // Every try times out at 300 ms: three tries per call.
    expect(peak?.attemptsPerCall).toBeGreaterThan(2.5);
    // The depth's figure is per request of every source, a fifth of which go to orders: its peak is the entry's 1.
    expect(cascadeFigures(diagnosis).peakAttemptsPerRequest).toBeCloseTo(1, 1);
  });

  it('is null without triggers', () => {
    const calm = { ...GATEWAY, faults: [] };
    const result = simulate(calm);
    expect(peakEdgeAttempts(result, diagnose(calm, result))).toBeNull();
  });
});
