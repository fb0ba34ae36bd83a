// The closed sets of names the model accepts, as runtime lists (for validation and help texts).

import type { JitterKind, RetryCondition } from './CallPolicy.js';
import type { FaultEffect, ProxyRole } from './SimulationConfig.js';

/** Every retry condition. */
export const RETRY_CONDITIONS: readonly RetryCondition[] = [
  'connect-failure',
  'reset',
  'overflow',
  '5xx',
  'gateway-error',
  'per-try-timeout',
];

/** Every jitter kind a scenario can write (`linkerd` is set by the `linkerd` shape only). */
export const JITTER_KINDS: readonly JitterKind[] = ['none', 'full', 'equal', 'decorrelated'];

/** Every kind of fault effect. */
export const FAULT_EFFECT_KINDS: readonly FaultEffect['kind'][] = [
  'latency',
  'error',
  'crash',
  'crash-loop',
  'crash-proxy',
  'crash-node',
  'control-plane-outage',
];

/** Every proxy role a `crash-proxy` fault can target. */
export const PROXY_ROLES: readonly ProxyRole[] = [
  'sidecar',
  'ztunnel',
  'waypoint',
  'node-proxy',
  'managed-hop',
];
