// A caller's client of one destination service: its load balancer, its client-side policies and its
// version router (splits and class routes), like an Envoy cluster inside the caller's proxy.

import type { Random } from '@meshsim/engine';
import { UpstreamClient } from '../call/UpstreamClient.js';
import { createClientPolicies } from '../policies/createClientPolicies.js';
import { createInstanceBalancer } from '../policies/createInstanceBalancer.js';
import type { ServiceRuntime } from '../server/ServiceRuntime.js';
import type { CallerRef } from '../topology/CallerRef.js';
import type { TrafficContext } from './TrafficContext.js';
import { createVersionRouter } from './VersionRouter.js';
import { retrySemanticsOf } from '../call/isRetryable.js';
import { BalancerQueue } from '../call/BalancerQueue.js';

/**
 * A new client of `target` for `caller`; its balancer draws from `lbRandom`. `previous`: the client it replaces (its
 * proxy restarted), whose version router it keeps (the splits' stream goes on).
 */
export function createUpstreamClient(
  context: TrafficContext,
  caller: CallerRef,
  target: ServiceRuntime,
  lbRandom: Random,
  previous?: UpstreamClient,
): UpstreamClient {
  const balancer = createInstanceBalancer(context.policies, caller, target, lbRandom);
  const client = new UpstreamClient(balancer, createClientPolicies(context.policies, caller, target));
  client.router = previous === undefined ? createVersionRouter(context, caller, target) : previous.router;
  client.successor = previous !== undefined;
  client.hostReselections = context.dataPlane.retryHostReselections?.(caller, target.name) ?? 0;
  client.retrySemantics = retrySemanticsOf(context.dataPlane.clientEnforcer(caller, target.name));
  client.managedEndpoints = context.dataPlane.managedEndpoints?.(caller, target.name) ?? false;
  const queue = context.dataPlane.balancerQueue?.(caller, target.name) ?? null;
  if (queue !== null) {
    client.queue = new BalancerQueue(context.engine, queue);
    // Its held requests pick again when the target's endpoint list changes (in place of the replaced client's queue).
    target.watchEndpoints(client.queue, previous?.queue ?? null);
  }
  return client;
}
