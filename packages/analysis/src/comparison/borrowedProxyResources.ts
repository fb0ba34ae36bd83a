// The compare note for proxy resources a scenario writes for its own mesh's sidecars (often from an import of that
// mesh's annotations): another shape compared with it runs its sidecars with those values, not its own defaults.

import { meshPodRequests } from '@meshsim/mesh';
import type { SimulationConfig } from '@meshsim/mesh';

/** The service fields that size a sidecar, with their scenario names. */
const FIELDS = [
  ['proxyCpuRequestCores', 'proxyCpuRequest'],
  ['proxyCpuLimitCores', 'proxyCpuLimit'],
  ['proxyMemoryRequestMiB', 'proxyMemoryRequest'],
  ['proxyMemoryLimitMiB', 'proxyMemoryLimit'],
] as const;

/**
 * The warning of a comparison for the run of `shapeConfig` when it is another shape than the scenario's own
 * (`scenarioShape`) and runs sidecars with the proxy resources (`proxyCpuRequest`, `proxyCpuLimit`,
 * `proxyMemoryRequest`, `proxyMemoryLimit`) the scenario's services write — often imported from that mesh's
 * annotations (`sidecar.istio.io/proxyCPU`): its sidecars then get those values, not the shape's own defaults.
 *
 * @param scenarioShape - The mesh shape the scenario was written for (its config's `mesh.shape`).
 * @param shapeConfig - The scenario's config under the compared shape.
 * @returns The warning (naming the fields and up to five services), or null when the shape is the scenario's own,
 *   runs no sidecar for those services, or no service writes proxy resources.
 * @example
 * ```ts
 * const config = loadScenarioFile('imported.yaml'); // mesh: istio-sidecar, services with proxyCpuRequest
 * borrowedProxyResources(config.mesh.shape, applyOverrides(config, { mesh: 'linkerd' })); // 'proxyCpuRequest of …'
 * ```
 */
export function borrowedProxyResources(scenarioShape: string, shapeConfig: SimulationConfig): string | null {
  const shape = shapeConfig.mesh.shape;
  if (shape === scenarioShape) return null;
  const pods = meshPodRequests(shapeConfig);
  // A service whose pods get a sidecar under this shape is in the sidecar request maps (0 when it requests nothing).
  const written = shapeConfig.services.filter(
    (service) =>
      (pods.sidecarCpuRequestCores.has(service.name) || pods.sidecarMemoryRequestMiB.has(service.name)) &&
      FIELDS.some(([key]) => service[key] !== undefined),
  );
  if (written.length === 0) return null;
  const fields = FIELDS.filter(([key]) => written.some((service) => service[key] !== undefined)).map(
    ([, name]) => name,
  );
  const names = written.map((service) => service.name);
  const shown =
    names.length <= 5 ? names.join(', ') : `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`;
  return (
    `${fields.join(', ')} of ${shown}: written in the scenario for its mesh ${scenarioShape}, applied to this shape's ` +
    `sidecars too, not its own defaults (remove them from the scenario to compare every mesh at its defaults)`
  );
}
