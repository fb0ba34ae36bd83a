// The assumption of a registered shape whose proxy profiles give no TLS handshake CPU (`tlsHandshakeCpuMs`, default 0)
// while it runs mTLS: its handshakes then cost nothing, which a run says rather than leaves unsaid, also when the shape
// runs inside `layered`. Built-in shapes give the figure (or a reason it is 0) in their own assumptions.

import type { MeshConfig } from '../config/MeshConfig.js';
import { configProfiles } from './configProfiles.js';
import type { OtherShapes } from './MeshShape.js';
import { isBuiltInMeshShape, meshShape } from './registry.js';

/**
 * `kuma: no TLS handshake CPU given (sidecar.tlsHandshakeCpuMs); handshakes cost 0 ms of CPU.` for a registered
 * shape with mTLS on whose profiles leave `tlsHandshakeCpuMs` out, run alone or as `layered`'s in-cluster shape; null
 * otherwise.
 */
export function tlsHandshakeNote(config: MeshConfig, others: OtherShapes): string | null {
  if (config.shape === 'layered') return tlsHandshakeNote(config.inCluster, others);
  if (isBuiltInMeshShape(config.shape) || !config.mtls) return null;
  const missing = [...configProfiles(meshShape(config.shape), config, others)]
    .filter(([, profile]) => profile['tlsHandshakeCpuMs'] === undefined)
    .map(([name]) => `${name}.tlsHandshakeCpuMs`);
  if (missing.length === 0) return null;
  return `${config.shape}: no TLS handshake CPU given (${missing.join(', ')}); handshakes cost 0 ms of CPU.`;
}
