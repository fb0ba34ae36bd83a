// Defaults the scenario format applies when a field is omitted that no policy owns (mesh-level defaults
// come from '@meshsim/mesh'). Where a scenario-level rule table has the field, its default is read from
// there (SCENARIO_RULES, SERVICE_RULES, TRAFFIC_RULES); policy defaults live in the policies' rule tables.

import { SCENARIO_RULES, SERVICE_RULES, TRAFFIC_RULES, configDefaults } from '@meshsim/mesh';
import type { MeshShapeName, RetryCondition } from '@meshsim/mesh';

const service = configDefaults(SERVICE_RULES);

/** Values used for omitted scenario fields. */
export const SCENARIO_DEFAULTS = {
  /** `seed`. */
  seed: 1,
  /** `duration` [ms] (60 s; SCENARIO_RULES). */
  durationMs: configDefaults(SCENARIO_RULES).durationMs,
  /** `mesh`: no mesh (plain Kubernetes networking). */
  mesh: 'none' as MeshShapeName,
  /** `services.*.namespace`. */
  namespace: 'default',
  /** `services.*.replicas` (SERVICE_RULES). */
  replicas: service.replicas,
  /** `services.*.concurrency`: workers per instance (an assumption, printed when used; SERVICE_RULES). */
  concurrency: service.concurrency,
  /** `services.*.queue`: waiting requests per instance (an assumption, printed when used; SERVICE_RULES). */
  queueCapacity: service.queueCapacity,
  /** `services.*.queueDiscipline` (SERVICE_RULES). */
  queueDiscipline: service.queueDiscipline,
  /** `retry.retryOn` when `retry` is given without it: any 5xx, reset, connect failure or per-try timeout. */
  retryOn: ['5xx'] as readonly RetryCondition[],
  /** `traffic[].name`. */
  trafficName: 'client',
  /** `traffic[].arrival` (TRAFFIC_RULES). */
  arrival: configDefaults(TRAFFIC_RULES).arrival,
  /** `clusters[].region`. */
  region: 'region-1',
  /** `clusters[].vpc`. */
  vpc: 'vpc-1',
} as const;
