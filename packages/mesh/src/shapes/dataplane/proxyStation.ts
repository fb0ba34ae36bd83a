// Builds the proxy station of a route: records the pooled connection the route opens through the
// proxy and attaches the target service's payload sizes when it has any.

import type { Instance } from '../../server/Instance.js';
import type { Proxy } from './Proxy.js';
import type { Station } from '../../call/Station.js';

/** A station for `proxy` on a route to `target` (called once per route built; routes are cached). */
export function proxyStation(proxy: Proxy, target: Instance): Station<Proxy> {
  proxy.connections++;
  const config = target.service.config;
  const requestBytes = config.requestBytes ?? 0;
  const responseBytes = config.responseBytes ?? 0;
  // PERF: every station built here has the same fields (payloads 0 when the service has none), so
  // the transport's reads of them see one object shape.
  return { kind: 'proxy', proxy, requestKiB: requestBytes / 1024, responseKiB: responseBytes / 1024 };
}
