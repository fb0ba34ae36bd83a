// `library`: a shared in-process client library (Finagle, resilience4j, gRPC) applies policies in the
// services that adopt it; no proxies.

import type { LibraryMeshConfig } from '../../config/MeshConfig.js';
import { NO_POLICY } from '../../config/defaults.js';
import { meshOptionDefaultMs } from '../../config/rules/meshOptionRules.js';
import type { MeshShape } from '../MeshShape.js';
import { DirectDataPlane } from '../none/DirectDataPlane.js';
import { resolveShared } from '../resolveShared.js';

/**
 * CPU the library costs per call in the calling application [ms of one core]: an assumption (no source), the
 * rule table's default.
 */
export const LIBRARY_CPU_MS_PER_CALL = meshOptionDefaultMs('libraryCpuPerCall');

/** The `library` shape. */
export const LIBRARY_SHAPE: MeshShape<LibraryMeshConfig> = {
  name: 'library',
  summary: 'a shared in-process client library, optionally adopted by only some services (libraryServices)',
  capabilityRow: {
    client:
      '`library` for the services in `mesh.libraryServices` (all by default), `application` for the others',
    server: 'the same',
  },
  usesOptions: ['libraryServices', 'libraryCpuMsPerCall'],
  resolve: (options) => ({
    ...resolveShared('library', options, {
      loadBalancer: 'round-robin', // an assumption: libraries differ
      defaultPolicy: NO_POLICY,
      mtls: false,
    }),
    libraryServices: options.libraryServices ?? 'all',
    libraryCpuMsPerCall: options.libraryCpuMsPerCall ?? LIBRARY_CPU_MS_PER_CALL,
  }),
  assumptions: (config) => [
    `library: the shared client library costs ${config.libraryCpuMsPerCall} ms of the calling application's CPU per call (assumption; libraryCpuMsPerCall) and no memory of its own; it adds no hop.`,
  ],
  createDataPlane: (context, config) => new DirectDataPlane(context, config),
};
