// How one attempt of a call ended: the outcomes callers, servers and policies exchange.

/** Outcome of one attempt. */
export type AttemptResult =
  | 'ok'
  | 'error' // 500 from the application
  | 'rejected' // 503: server queue full
  | 'connect-failure'
  | 'reset'
  | 'per-try-timeout'
  | 'no-endpoints'
  | 'breaker-open' // local 503: a client-side circuit breaker or threshold refused the attempt
  | 'rate-limited' // 429 from the server's rate limiter
  | 'denied' // 403 from an authorization policy
  | 'deadline-exceeded' // 504: the server dropped work whose propagated deadline had passed
  | 'bad-gateway' // 502: a service answering that a dependency's connection failed (onDependencyFailure)
  | 'service-unavailable' // 503: a service answering that a dependency failed (onDependencyFailure: 503, passthrough)
  | 'gateway-timeout'; // 504: a service answering that a dependency timed out (onDependencyFailure)
