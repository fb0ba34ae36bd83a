// The connections each kind of hop keeps, with their documented defaults: the application's own
// (idle and connect timeouts of Go's default HTTP transport, Go's HTTP/2 stream limit) and the proxies'
// (Envoy's upstream idle timeout and stream limit, the mesh's connect timeout). Sources: docs/model.md#connections.

import type { ConnectionSpec } from '../../call/ConnectionPool.js';
import type { ConnectionEnd } from '../../server/ConnectionEnd.js';
import type { WireProtocol } from '../../config/SimulationConfig.js';
import type { Instance } from '../../server/Instance.js';
import type { CallerRef } from '../../topology/CallerRef.js';

/** Idle timeout of an application's pooled connections: Go `http.DefaultTransport` IdleConnTimeout, 90 s. */
export const APP_IDLE_TIMEOUT_MS = 90_000;
/**
 * How long an application waits for a new connection to be accepted [ms]: the `net.Dialer` timeout of Go's
 * `http.DefaultTransport`, 30 s (docs/sources.md#go-http-defaults).
 */
export const APP_CONNECT_TIMEOUT_MS = 30_000;
/** Istio's proxies' connect timeout: MeshConfig `connectTimeout`, 10 s (docs/sources.md#istio-connect-timeout). */
export const ISTIO_CONNECT_TIMEOUT_MS = 10_000;
/** Envoy's own cluster `connect_timeout` default, 5 s, where the mesh sets none (docs/sources.md#istio-connect-timeout). */
export const ENVOY_CONNECT_TIMEOUT_MS = 5_000;
/** Consul's Envoy sidecars: service-resolver `ConnectTimeout`, 5 s when unset (docs/sources.md#istio-connect-timeout). */
export const CONSUL_CONNECT_TIMEOUT_MS = 5_000;
/** Linkerd's proxy: the chart's `proxy.outboundConnectTimeout`, 1000ms (docs/sources.md#istio-connect-timeout). */
export const LINKERD_CONNECT_TIMEOUT_MS = 1_000;
/**
 * Cilium's node Envoy: the Helm chart's `envoy.connectTimeoutSeconds`, 2 s ("Time in seconds after which a TCP
 * connection attempt times out"; docs/sources.md#cilium-helm-values).
 */
export const CILIUM_ENVOY_CONNECT_TIMEOUT_MS = 2_000;
/** Cilium's node Envoy: the Helm chart's `envoy.idleTimeoutDurationSeconds`, 60 s upstream idle timeout (same source). */
export const CILIUM_ENVOY_IDLE_TIMEOUT_MS = 60_000;
/** Concurrent HTTP/2 streams an application server accepts per connection: Go's http2 server default, 250. */
export const APP_MAX_STREAMS = 250;
/** Idle timeout of a proxy's upstream connections: Envoy `common_http_protocol_options.idle_timeout`, 1 h (Istio's DestinationRule default too). */
export const PROXY_IDLE_TIMEOUT_MS = 3_600_000;
/** Concurrent HTTP/2 streams between proxies: Envoy `max_concurrent_streams` default, 2^31 − 1. */
export const PROXY_MAX_STREAMS = 2_147_483_647;

/** Requests one connection carries at once with `protocol`. */
export function streamsOf(protocol: WireProtocol, http2Streams: number): number {
  return protocol === 'http1' ? 1 : http2Streams;
}

/** The application's end of a connection made by `caller`: its instance, or null for a traffic source. */
export function callerEnd(caller: CallerRef, instances: readonly Instance[]): ConnectionEnd | null {
  return caller.instanceId >= 0 ? (instances[caller.instanceId] ?? null) : null;
}

/**
 * The calling application's own connections to `target` (no proxy owns them): the target service's
 * protocol, the caller's keep-alive, TLS only when `tls` (a managed hop that terminates TLS).
 */
export function appConnectionSpec(
  caller: CallerRef,
  target: Instance,
  keepAlive: boolean,
  instances: readonly Instance[],
  tls = false,
  server: ConnectionEnd | null = target,
): ConnectionSpec {
  const protocol = target.service.config.protocol ?? 'http1';
  return {
    protocol,
    keepAlive,
    tls,
    idleTimeoutMs: APP_IDLE_TIMEOUT_MS,
    connectTimeoutMs: APP_CONNECT_TIMEOUT_MS,
    maxStreams: streamsOf(protocol, APP_MAX_STREAMS),
    from: caller.node,
    to: target.node,
    client: callerEnd(caller, instances),
    server,
  };
}

/**
 * Connections between two proxies of the mesh: always kept alive, mTLS when the mesh encrypts the call, failing
 * after the mesh's `connectTimeoutMs` when the other end does not answer.
 */
export function proxyConnectionSpec(
  protocol: WireProtocol,
  tls: boolean,
  connectTimeoutMs: number,
  client: ConnectionEnd & { readonly node: ConnectionSpec['from'] },
  server: ConnectionEnd & { readonly node: ConnectionSpec['to'] },
): ConnectionSpec {
  return {
    protocol,
    keepAlive: true,
    tls,
    idleTimeoutMs: PROXY_IDLE_TIMEOUT_MS,
    connectTimeoutMs,
    maxStreams: streamsOf(protocol, PROXY_MAX_STREAMS),
    from: client.node,
    to: server.node,
    client,
    server,
  };
}
