// Every built-in shape declares in `usesOptions` the built-in mesh options it reads beyond the shared ones, as a
// registered shape does, so the registry says which options each honours; the declaration is what its resolve reads.

import { describe, expect, it } from 'vitest';

import { SHARED_MESH_OPTIONS, isBuiltInMeshShape, meshShape, meshShapes } from '../../src/index.js';
import type { MeshOptions } from '../../src/index.js';
import { OTHER_SHAPES } from '../../src/shapes/resolveMeshConfig.js';

/** The options `resolve({ shape: name })` of shape `name` reads (gets or tests with `in`), the shared ones left out. */
function optionsRead(name: string): string[] {
  const read = new Set<string>();
  const options = new Proxy<MeshOptions>(
    { shape: name },
    {
      get: (target, key) => {
        if (typeof key === 'string') read.add(key);
        return Reflect.get(target, key);
      },
      has: (target, key) => {
        if (typeof key === 'string') read.add(key);
        return Reflect.has(target, key);
      },
    },
  );
  meshShape(name).resolve(options, OTHER_SHAPES);
  return [...read].filter((key) => !(SHARED_MESH_OPTIONS as readonly string[]).includes(key)).sort();
}

describe('usesOptions of the built-in shapes', () => {
  it('names the options each shape honours beyond the shared ones', () => {
    const declared = Object.fromEntries(
      meshShapes()
        .filter((shape) => isBuiltInMeshShape(shape.name))
        .map((shape) => [shape.name, shape.usesOptions]),
    );
    expect(declared).toEqual({
      none: [],
      library: ['libraryServices', 'libraryCpuMsPerCall'],
      'istio-sidecar': ['istioVersion', 'sidecar', 'istioCni'],
      'istio-ambient': ['ztunnel', 'waypoint', 'istioCni'],
      linkerd: ['linkerdVersion', 'linkerdProxy'],
      cilium: ['ebpf', 'nodeProxy', 'encryption'],
      'app-mesh': ['appMeshLegacyAccount', 'sidecar'],
      consul: ['sidecar'],
      'vpc-lattice': ['lattice'],
      layered: ['inCluster', 'crossCluster', 'lattice'],
    });
  });

  it('is what the shape resolve reads', () => {
    for (const shape of meshShapes().filter(({ name }) => isBuiltInMeshShape(name))) {
      expect([...(shape.usesOptions ?? [])].sort(), shape.name).toEqual(optionsRead(shape.name));
    }
  });

  it('leaves out the shared options, which every shape reads', () => {
    expect(SHARED_MESH_OPTIONS).toEqual([
      'shape',
      'endpointUpdateDelayMs',
      'loadBalancer',
      'defaultPolicy',
      'mtls',
      'certificateLifetimeMs',
      'prices',
    ]);
  });
});
