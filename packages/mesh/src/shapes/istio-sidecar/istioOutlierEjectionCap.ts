// How an Istio release's Envoy caps outlier ejections by maxEjectionPercent: the first ejection always allowed
// before Envoy 1.28, never past the cap since (docs/sources.md#envoy-1-28-outlier-mep).

import type { IstioVersion, OutlierEjectionCap } from '../../config/MeshConfig.js';

/**
 * The ejection cap of Istio release `version`'s Envoy: `before-ejection` up to 1.16 (Envoy 1.24 and older: the first
 * ejection is always allowed), `after-ejection` from 1.20 (Envoy 1.28 and later: "outlier detection will always
 * respect max_ejection_percent now"). meshsim has no 1.17–1.19 profile.
 *
 * @example
 * ```ts
 * istioOutlierEjectionCap('1.12'); // 'before-ejection'
 * istioOutlierEjectionCap('1.22'); // 'after-ejection'
 * ```
 */
export function istioOutlierEjectionCap(version: IstioVersion): OutlierEjectionCap {
  const minor = Number(version.split('.')[1]);
  return minor < 20 ? 'before-ejection' : 'after-ejection';
}
