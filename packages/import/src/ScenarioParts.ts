// Names for the pieces of a scenario file the importer produces, derived from the scenario package's
// schema type (`RawScenario`) so that they always match what the loader accepts.

import type { RawScenario } from '@meshsim/scenario';

/** One service of a scenario file. */
export type ScenarioService = RawScenario['services'][string];
/** One item of a service's `calls`: a call or a parallel group. */
export type ScenarioCallItem = NonNullable<ScenarioService['calls']>[number];
/** One call (`{ to, timeout, retry, … }`). */
export type ScenarioCall = Exclude<ScenarioCallItem, { parallel: unknown }>;
/** A call's `retry`. */
export type ScenarioRetry = NonNullable<ScenarioCall['retry']>;
/** A call's `mirror`. */
export type ScenarioMirror = NonNullable<ScenarioCall['mirror']>;
/** A call's `faultInjection`. */
export type ScenarioFaultInjection = NonNullable<ScenarioCall['faultInjection']>;
/** A service's `destinationPolicy`. */
export type ScenarioDestinationPolicy = NonNullable<ScenarioService['destinationPolicy']>;
/** A service's `readinessProbe`. */
export type ScenarioReadinessProbe = NonNullable<ScenarioService['readinessProbe']>;
/** One of a service's `versions`. */
export type ScenarioVersion = NonNullable<ScenarioService['versions']>[number];
/** One of a service's class `routes`. */
export type ScenarioVersionRoute = NonNullable<ScenarioService['routes']>[number];
/** One traffic source. */
export type ScenarioTraffic = RawScenario['traffic'][number];
/** The `mesh` field. */
export type ScenarioMesh = NonNullable<RawScenario['mesh']>;
