// A comparison scripted as a library caller writes it: a scenario built in code for istio-sidecar (a sidecar CPU
// request written for one service, a destination balancer for another) simulated under none, istio-sidecar and linkerd.

import { simulate } from '@meshsim/mesh';
import type { SimulationConfig, SimulationResult } from '@meshsim/mesh';
import { applyOverrides, resolveScenario } from '@meshsim/scenario';

/** The shapes compared, in display order. */
export const COMPARED_SHAPES = ['none', 'istio-sidecar', 'linkerd'] as const;

/** The scenario's config (its own mesh, istio-sidecar) and one result per compared shape. */
export function codeBuiltComparison(): { config: SimulationConfig; results: SimulationResult[] } {
  const config = resolveScenario({
    name: 'code-built',
    duration: '1s',
    mesh: 'istio-sidecar',
    services: {
      web: { serviceTime: '1ms', proxyCpuRequest: '100m', calls: [{ to: 'db' }] },
      db: { serviceTime: '1ms', destinationPolicy: { loadBalancer: 'round-robin' } },
    },
    traffic: [{ to: 'web', rate: '20/s' }],
  });
  return { config, results: COMPARED_SHAPES.map((mesh) => simulate(applyOverrides(config, { mesh }))) };
}

/** The start of the warning on the proxy resources linkerd takes from the scenario. */
export const BORROWED_WARNING =
  'proxyCpuRequest of web: written in the scenario for its mesh istio-sidecar, applied to this shape';
