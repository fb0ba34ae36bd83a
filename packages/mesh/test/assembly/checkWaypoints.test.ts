// A service's `waypoint` is never ignored silently: under a mesh shape that runs no waypoints the run warns,
// naming the services; where waypoints run (istio-ambient, also inside layered) it does not.

import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import type { MeshConfig } from '../../src/index.js';
import { meshOf, twoClusterConfig } from '../__helpers__/shapeHarness.js';

const warningOf = (mesh: MeshConfig): string | undefined =>
  simulate(twoClusterConfig(mesh, { waypoint: true })).warnings.find((w) => w.includes('ask for a waypoint'));

describe('services asking for a waypoint', () => {
  it('under a shape without waypoints: one warning names them and says the field is ignored', () => {
    expect(warningOf(meshOf('linkerd'))).toBe(
      'services b ask for a waypoint, but mesh shape linkerd runs no waypoints (istio-ambient does): their `waypoint` is ignored',
    );
    expect(warningOf(meshOf('istio-sidecar'))).toContain('mesh shape istio-sidecar runs no waypoints');
  });

  it('under istio-ambient, and layered with ambient inside the clusters: no such warning', () => {
    expect(warningOf(meshOf('istio-ambient'))).toBeUndefined();
    expect(warningOf(meshOf('layered'))).toBeUndefined();
  });
});
