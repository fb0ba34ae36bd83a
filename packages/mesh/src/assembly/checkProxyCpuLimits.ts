// Warns about services whose `proxyCpuLimitCores` or `proxyCpuRequestCores` cannot apply as written: the run's
// shape has no sidecar in their pods (kept for switching shapes), or, for a limit, their nodes have no CPU size
// (no quota is enforced).

import type { SimulationConfig } from '../config/SimulationConfig.js';
import type { Warnings } from '../ports/Warnings.js';
import type { DataPlane } from '../shapes/dataplane/DataPlane.js';

/** Adds at most two warnings, each naming the services concerned. */
export function checkProxyCpuLimits(
  config: SimulationConfig,
  dataPlane: DataPlane,
  warnings: Warnings,
): void {
  const asking = config.services
    .filter((s) => s.proxyCpuLimitCores !== undefined || s.proxyCpuRequestCores !== undefined)
    .map((s) => s.name);
  if (asking.length === 0) return;
  const sidecars = dataPlane.proxies().filter((proxy) => proxy.role === 'sidecar');
  const withSidecar = new Set(sidecars.map((proxy) => proxy.service));
  const withoutSidecar = asking.filter((name) => !withSidecar.has(name));
  if (withoutSidecar.length > 0) {
    const first = config.services.find((s) => s.name === withoutSidecar[0]);
    warnings.add(
      `proxyCpuLimit or proxyCpuRequest of ${servicesNamed(withoutSidecar)}: no sidecar runs in their pods under this ` +
        'mesh shape (istio-sidecar, linkerd, app-mesh and consul run one): kept for switching shapes, not applied in this run',
      [
        'services',
        withoutSidecar[0] as string,
        first?.proxyCpuLimitCores !== undefined ? 'proxyCpuLimit' : 'proxyCpuRequest',
      ],
    );
  }
  const sized = new Set(sidecars.filter((proxy) => proxy.cpu !== null).map((proxy) => proxy.service));
  // An `unlimited` proxyCpuLimit sets no quota anywhere: nothing to warn about on unsized nodes.
  const limited = new Set(
    config.services
      .filter((s) => s.proxyCpuLimitCores !== undefined && Number.isFinite(s.proxyCpuLimitCores))
      .map((s) => s.name),
  );
  const unsized = asking.filter((name) => limited.has(name) && withSidecar.has(name) && !sized.has(name));
  if (unsized.length > 0) {
    warnings.add(
      `proxyCpuLimit of ${servicesNamed(unsized)} sets no CPU quota: their nodes have no CPU size (set nodeCpu, at ` +
        "the top of the scenario or on its cluster); under istio-sidecar and linkerd it still sets their proxies' workers",
      ['services', unsized[0] as string, 'proxyCpuLimit'],
    );
  }
}

function servicesNamed(names: readonly string[]): string {
  return `${names.length > 1 ? 'services' : 'service'} ${names.join(', ')}`;
}
