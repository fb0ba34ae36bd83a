// Request mirroring (Istio `mirror` + `mirrorPercentage`, Envoy request_mirror_policies): a copy of a
// call goes to another service fire-and-forget, as a real call on its own edge; its outcome is ignored.

import type { Random } from '@meshsim/engine';
import { Call } from '../call/Call.js';
import { FreeList } from '../ports/FreeList.js';
import type { InterceptedCall } from '../call/RouteHooks.js';
import type { CallParent } from '../server/CallParent.js';
import type { CallerRef } from '../topology/CallerRef.js';
import type { CallPolicy } from '../config/CallPolicy.js';
import type { MirrorConfig } from '../config/PolicyConfig.js';
import { NO_RETRY } from '../config/defaults.js';
import type { EdgeStats } from '../ports/EdgeStats.js';
import type { UpstreamClient } from '../call/UpstreamClient.js';
import type { ServiceRuntime } from '../server/ServiceRuntime.js';
import { createUpstreamClient } from './createUpstreamClient.js';
import type { TrafficContext } from './TrafficContext.js';

/** The parent of every mirrored call: it ignores the outcome. */
const IGNORE_OUTCOME: CallParent = { onCallDone(): void {} };

/** The mirror of one call-plan entry, shared by the calling service's instances. */
export class MirrorRoute {
  private readonly target: ServiceRuntime;
  private readonly edge: EdgeStats;
  private readonly random: Random;
  private readonly lbRandom: Random;
  private readonly clients = new Map<number, UpstreamClient>();
  /** Mirrored calls that are over, for the next copies. */
  private readonly freeCalls = new FreeList<Call>();

  constructor(
    private readonly context: TrafficContext,
    from: string,
    readonly config: MirrorConfig,
    /** Stream-name suffix of the call-plan entry, e.g. `a->b#0.0`. */
    entry: string,
  ) {
    this.target = context.services.get(config.to);
    this.edge = context.edges.get(from, config.to);
    this.random = context.streams.stream(`mirror/${entry}`);
    this.lbRandom = context.streams.stream(`mirror-lb/${entry}->${config.to}`);
  }

  /** A sender for one caller: its own client towards the mirror target, and the mirror's policy. */
  senderFor(caller: CallerRef, parentPolicy: CallPolicy): MirrorSender {
    let client = this.clients.get(caller.key);
    if (client === undefined) {
      client = createUpstreamClient(this.context, caller, this.target, this.lbRandom);
      this.edge.counterSources.push(client);
      this.clients.set(caller.key, client);
    }
    // Envoy sends shadows through an async client with the route's timeout and no retry policy.
    const policy: CallPolicy = {
      timeoutMs: parentPolicy.timeoutMs,
      perTryTimeoutMs: parentPolicy.perTryTimeoutMs,
      retry: NO_RETRY,
    };
    return new MirrorSender(this, caller, client, policy);
  }

  /** @internal Starts a copy of `original` with probability percent/100; true when one was sent. */
  maybeSend(
    original: InterceptedCall,
    caller: CallerRef,
    client: UpstreamClient,
    policy: CallPolicy,
  ): boolean {
    const percent = this.config.percent;
    if (percent <= 0 || this.random() * 100 >= percent) return false;
    const copy = Call.obtain(
      this.freeCalls,
      this.context.calls,
      caller,
      this.target,
      policy,
      this.edge,
      client,
      // Never drawn from: a mirror makes exactly one attempt, so it has no backoff.
      this.random,
      IGNORE_OUTCOME,
      true,
    );
    copy.requestClass = original.requestClass;
    // The shared proxy on the copy's route (a waypoint replica); the mirror keeps the caller's own client.
    copy.via = this.context.dataPlane.enforcerSlot?.(caller, this.target.name) ?? -1;
    copy.start();
    return true;
  }
}

/** One caller's view of a mirror route. */
export class MirrorSender {
  constructor(
    private readonly route: MirrorRoute,
    private readonly caller: CallerRef,
    private readonly client: UpstreamClient,
    private readonly policy: CallPolicy,
  ) {}

  /** Mirrors `original` with the route's probability; true when a copy was sent. */
  maybeSend(original: InterceptedCall): boolean {
    return this.route.maybeSend(original, this.caller, this.client, this.policy);
  }
}
