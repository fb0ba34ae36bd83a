// A service's `readinessProbe` from its workloads' application containers: a service has one probe for all its
// instances, so when its workloads differ the first workload's with a probe is taken, and each other is warned.

import type { ImportedService, SourceRef } from '../../ImportModel.js';
import type { ScenarioReadinessProbe } from '../../ScenarioParts.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';

/** The probe a service takes, and the workloads that give it. */
export interface ServiceProbe {
  probe: ScenarioReadinessProbe;
  from: SourceRef[];
}

/** `{ initialDelay: 5s, period: 5s }`, `{}`: a probe as a scenario writes it, for warnings. */
export function describeProbe(probe: ScenarioReadinessProbe): string {
  const fields = Object.entries(probe).map(([key, value]) => `${key}: ${String(value)}`);
  return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
}

/**
 * The readiness probe of `service`: the first of its workloads' that has one (undefined when none has). Every other
 * workload whose probe differs, or that has none, is warned at its probe (or its containers): its pods get the
 * taken probe in the scenario.
 */
export function serviceReadinessProbe(
  service: ImportedService,
  builder: ModelBuilder,
): ServiceProbe | undefined {
  const first = service.workloads.find((workload) => workload.readinessProbe !== undefined);
  const taken = first?.readinessProbe;
  if (first === undefined || taken === undefined) return undefined;
  const shown = describeProbe(taken.probe);
  const from: SourceRef[] = [];
  for (const workload of service.workloads) {
    const own = workload.readinessProbe;
    if (own !== undefined && describeProbe(own.probe) === shown) {
      from.push(workload.from);
      continue;
    }
    const lead = `service "${service.name}" has one readinessProbe for all its instances: ${first.kind}/${first.name}'s ${shown} is imported`;
    builder.warnAbout(
      workload.from,
      own?.path ?? ['spec', 'template', 'spec', 'containers'],
      own === undefined
        ? `${lead}, so this workload's pods, whose containers have no readiness probe, get it too`
        : `${lead}, not this workload's ${describeProbe(own.probe)}`,
    );
  }
  return { probe: taken.probe, from };
}
