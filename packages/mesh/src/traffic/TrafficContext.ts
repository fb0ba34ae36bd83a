// What traffic sources and route features (splits, fault injection, mirroring) use of the run: the
// clock, streams, calls' context, the mesh shape's data plane, edges, services and policy building.

import type { Engine } from '@meshsim/engine';
import type { CallContext } from '../call/CallContext.js';
import type { DataPlane } from '../shapes/dataplane/DataPlane.js';
import type { PolicyContext } from '../policies/PolicyContext.js';
import type { EdgeStatsTable } from '../ports/EdgeStatsTable.js';
import type { RunStreams } from '../ports/RunStreams.js';
import type { Warnings } from '../ports/Warnings.js';
import type { ServiceDirectory } from '../server/ServiceDirectory.js';

/** The run as the traffic layer sees it. */
export interface TrafficContext {
  readonly engine: Engine;
  /** Simulated duration of the run [ms]. */
  readonly durationMs: number;
  readonly streams: RunStreams;
  readonly calls: CallContext;
  readonly dataPlane: DataPlane;
  readonly warnings: Warnings;
  readonly edges: EdgeStatsTable;
  readonly services: ServiceDirectory;
  readonly policies: PolicyContext;
}
