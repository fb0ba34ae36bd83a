// Wires a service's call plan: one Downstream per entry, with its edge, its streams, the mesh's
// effective policy, and the route features (fault injection, mirroring) its callers' clients get.

import { Downstream } from '../call/Downstream.js';
import { callFieldPath } from '../config/ConfigWarning.js';
import type { ServiceRuntime } from '../server/ServiceRuntime.js';
import { CallRoute } from './CallRoute.js';
import { createUpstreamClient } from './createUpstreamClient.js';
import type { TrafficContext } from './TrafficContext.js';

/** `downstream[stage][i]` for `service.config.calls[stage][i]` (call once every service exists). */
export function wireCallPlan(context: TrafficContext, service: ServiceRuntime): Downstream[][] {
  const from = service.name;
  return service.config.calls.map((stage, s) =>
    stage.map((call, i) => {
      const tag = `#${s}.${i}`;
      const target = context.services.get(call.to);
      const edge = context.edges.get(from, call.to);
      const backoffRandom = context.streams.stream(`backoff/${from}->${call.to}${tag}`);
      const lbRandom = context.streams.stream(`lb/${from}->${call.to}${tag}`);
      // Made only for an entry with appRetry: other runs' streams and draws stay as they were.
      const appBackoffRandom =
        call.appRetry === undefined || call.appRetry === null
          ? null
          : context.streams.stream(`app-backoff/${from}->${call.to}${tag}`);
      const route = CallRoute.create(context, from, call, tag, callFieldPath(from, s, i, stage.length));
      return new Downstream(
        context.calls,
        service,
        call,
        target,
        edge,
        backoffRandom,
        {
          policyFor: (caller) =>
            context.dataPlane.effectivePolicy(caller, call.policy, call.policySet, target.name),
          createClient: (caller, policy, previous) => {
            const client = createUpstreamClient(context, caller, target, lbRandom, previous);
            edge.counterSources.push(client);
            if (previous === undefined) route?.attach(caller, client, policy);
            else client.route = previous.route;
            return client;
          },
        },
        appBackoffRandom,
      );
    }),
  );
}
