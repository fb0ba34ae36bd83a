// ztunnel's HBONE connections as its source sets them: pooled per (source pod, destination pod), at most 100
// streams each, released after 5 idle minutes, connected within 10 s, and pinged every 10 s (torn down when a
// ping goes 20 s unanswered). Sources: docs/sources.md#ztunnel-hbone-pool.

import type { ConnectionSpec } from '../../call/ConnectionPool.js';
import type { Proxy } from '../dataplane/Proxy.js';

/** ztunnel's connect timeout for HBONE pool connections: `CONNECTION_TIMEOUT` (src/proxy.rs), 10 s. */
export const ZTUNNEL_CONNECT_TIMEOUT_MS = 10_000;
/** ztunnel's default `pool_max_streams_per_conn` (src/config.rs): streams per HBONE connection, 100. */
export const ZTUNNEL_MAX_STREAMS_PER_CONNECTION = 100;
/** ztunnel's default `pool_unused_release_timeout` (src/config.rs): an unused pooled connection is let go after 5 min. */
export const ZTUNNEL_POOL_IDLE_TIMEOUT_MS = 300_000;
/** ztunnel's HBONE keep-alive (`do_ping_pong`, src/proxy/h2.rs): a ping every 10 s, torn down after 20 s unanswered. */
export const HBONE_PING = { intervalMs: 10_000, timeoutMs: 20_000 } as const;

/**
 * An HBONE connection from the caller's node ztunnel to the first hop (the callee's node ztunnel, or a waypoint):
 * HTTP/2 CONNECT, always kept alive, mTLS when the mesh encrypts, pinged (see the file header).
 */
export function hboneConnectionSpec(tls: boolean, ztunnel: Proxy, hop: Proxy): ConnectionSpec {
  return {
    protocol: 'http2',
    keepAlive: true,
    tls,
    idleTimeoutMs: ZTUNNEL_POOL_IDLE_TIMEOUT_MS,
    connectTimeoutMs: ZTUNNEL_CONNECT_TIMEOUT_MS,
    // min(ztunnel's own limit, the peer's SETTINGS_MAX_CONCURRENT_STREAMS): a ztunnel peer advertises 200 (its h2
    // server's `max_concurrent_streams`); a waypoint's Envoy is assumed to advertise at least 100 (an assumption).
    maxStreams: ZTUNNEL_MAX_STREAMS_PER_CONNECTION,
    ping: HBONE_PING,
    from: ztunnel.node,
    to: hop.node,
    client: ztunnel,
    server: hop,
  };
}
