// What scheduled faults act on: the clock, the services and their instances, the data plane's proxies
// and endpoint timing, the mesh's certificate settings, and the run's streams and warnings.

import type { Engine } from '@meshsim/engine';
import type { MeshConfig } from '../config/MeshConfig.js';
import type { NodeCrashRecord } from '../config/SimulationResult.js';
import type { DataPlane } from '../shapes/dataplane/DataPlane.js';
import type { RunStreams } from '../ports/RunStreams.js';
import type { Warnings } from '../ports/Warnings.js';
import type { ServiceDirectory } from '../server/ServiceDirectory.js';

/** The run as faults see it. */
export interface FaultContext {
  readonly engine: Engine;
  /** Simulated duration of the run [ms]. */
  readonly durationMs: number;
  readonly mesh: MeshConfig;
  readonly services: ServiceDirectory;
  readonly dataPlane: DataPlane;
  readonly streams: RunStreams;
  readonly warnings: Warnings;
  /** Where each `crashNode` fault records what it took down when it starts. */
  readonly nodeCrashes: NodeCrashRecord[];
}
