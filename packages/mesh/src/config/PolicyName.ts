// The names of the policies a scenario can ask for: what the capability matrix and a shape's own enforcer kinds list.

/** Every policy a scenario can ask for. */
export type PolicyName =
  | 'timeout'
  | 'retry'
  | 'retry-budget'
  | 'connection-pool'
  | 'outlier-detection'
  | 'failure-accrual'
  | 'error-rate-breaker'
  | 'load-balancer'
  | 'rate-limit'
  | 'shedding'
  | 'bulkhead'
  | 'deadline-propagation'
  | 'traffic-split'
  | 'mirror'
  | 'fault-injection'
  | 'authorization'
  | 'mtls';
