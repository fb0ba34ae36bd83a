// The closed sets of names the model accepts, as runtime lists (for validation and help texts).

import type { JitterKind, MeshShapeName, RetryCondition } from './SimulationConfig.js';

/** Every mesh shape, in the order `compare` prints them. */
export const MESH_SHAPES: readonly MeshShapeName[] = [
  'none',
  'library',
  'istio-sidecar',
  'istio-ambient',
  'linkerd',
  'cilium',
  'app-mesh',
  'consul',
  'vpc-lattice',
  'layered',
];

/** Every retry condition. */
export const RETRY_CONDITIONS: readonly RetryCondition[] = [
  'connect-failure',
  'reset',
  'overflow',
  '5xx',
  'gateway-error',
  'per-try-timeout',
];

/** Every jitter kind. */
export const JITTER_KINDS: readonly JitterKind[] = ['none', 'full', 'equal', 'decorrelated'];
