// Closed-form queueing results used to validate the engine: M/M/1, M/M/c (Erlang C) and M/G/1 / M/D/1
// (Pollaczek–Khinchine). Pure functions; times in ms, rates per ms (any consistent unit works).
//
// Notation: λ = arrival rate, μ = service rate of one server, c = number of servers,
// a = λ/μ = offered load [Erlang], ρ = a/c = utilisation of each server (must be < 1 for stability).
// "Wait" is the time in the queue before service starts; "sojourn" is wait + service (time in system).

function requireStable(name: string, lambda: number, mu: number, servers: number): void {
  if (!(lambda > 0) || !Number.isFinite(lambda)) {
    throw new RangeError(`${name}: lambda must be a finite number > 0 (got ${lambda})`);
  }
  if (!(mu > 0) || !Number.isFinite(mu))
    throw new RangeError(`${name}: mu must be a finite number > 0 (got ${mu})`);
  if (!Number.isInteger(servers) || servers < 1) {
    throw new RangeError(`${name}: servers must be an integer >= 1 (got ${servers})`);
  }
  if (!(lambda < servers * mu)) {
    throw new RangeError(
      `${name}: unstable queue, needs lambda < servers·mu (got ${lambda} >= ${servers * mu})`,
    );
  }
}

/** M/M/1 mean sojourn (time in system) W = 1/(μ − λ) [ms]. */
export function mm1MeanSojourn(lambda: number, mu: number): number {
  requireStable('mm1MeanSojourn', lambda, mu, 1);
  return 1 / (mu - lambda);
}

/** M/M/1 mean wait in queue Wq = ρ/(μ − λ) = λ/(μ(μ − λ)) [ms]. */
export function mm1MeanWait(lambda: number, mu: number): number {
  requireStable('mm1MeanWait', lambda, mu, 1);
  return lambda / mu / (mu - lambda);
}

/**
 * M/M/1 (FIFO) sojourn-time q-quantile [ms]. The sojourn time of a FIFO M/M/1 queue is exponential
 * with rate μ − λ, so P(T > t) = e^{−(μ−λ)t} and the q-quantile is −ln(1 − q)/(μ − λ).
 * Examples at λ = 0.9, μ = 1: p50 = ln 2/0.1 ≈ 6.931, p99 = ln 100/0.1 ≈ 46.05.
 */
export function mm1SojournQuantile(lambda: number, mu: number, q: number): number {
  requireStable('mm1SojournQuantile', lambda, mu, 1);
  if (!(q >= 0 && q < 1)) throw new RangeError(`mm1SojournQuantile: q must be in [0, 1) (got ${q})`);
  return -Math.log1p(-q) / (mu - lambda);
}

/**
 * Erlang C formula: probability that an arriving customer has to wait in an M/M/c queue,
 *
 *   C(c, a) = (a^c/c! · c/(c − a)) / (Σ_{k=0}^{c−1} a^k/k! + a^c/c! · c/(c − a)),   a = λ/μ < c.
 *
 * Computed with the term a^k/k! built up by multiplication (no factorial overflow for moderate c).
 * Example: c = 4, a = 3.2 (ρ = 0.8) gives exactly 8192/13735 ≈ 0.596432.
 */
export function erlangC(servers: number, offeredLoad: number): number {
  if (!Number.isInteger(servers) || servers < 1) {
    throw new RangeError(`erlangC: servers must be an integer >= 1 (got ${servers})`);
  }
  if (!(offeredLoad > 0 && offeredLoad < servers)) {
    throw new RangeError(`erlangC: offeredLoad must be in (0, servers = ${servers}) (got ${offeredLoad})`);
  }
  let term = 1; // a^k/k! for k = 0
  let sum = 0; // Σ_{k<c} a^k/k!
  for (let k = 0; k < servers; k++) {
    sum += term;
    term *= offeredLoad / (k + 1);
  }
  const top = (term * servers) / (servers - offeredLoad); // a^c/c! · c/(c − a)
  return top / (sum + top);
}

/** M/M/c mean wait in queue Wq = C(c, a)/(cμ − λ) [ms], with C the {@link erlangC} probability of waiting. */
export function mmcMeanWait(lambda: number, mu: number, servers: number): number {
  requireStable('mmcMeanWait', lambda, mu, servers);
  return erlangC(servers, lambda / mu) / (servers * mu - lambda);
}

/** M/M/c mean sojourn W = Wq + 1/μ [ms]. */
export function mmcMeanSojourn(lambda: number, mu: number, servers: number): number {
  return mmcMeanWait(lambda, mu, servers) + 1 / mu;
}

/**
 * M/G/1 mean wait by the Pollaczek–Khinchine formula:
 *
 *   Wq = λ·E[S²] / (2(1 − ρ)) = ρ·(1 + C_s²) / (2μ(1 − ρ)),   ρ = λ/μ, E[S] = 1/μ,
 *
 * where C_s² = Var[S]/E[S]² is the squared coefficient of variation of the service time
 * (1 for exponential service, which gives back the M/M/1 result; 0 for deterministic service).
 */
export function mg1MeanWait(lambda: number, mu: number, serviceScv: number): number {
  requireStable('mg1MeanWait', lambda, mu, 1);
  if (!(serviceScv >= 0) || !Number.isFinite(serviceScv)) {
    throw new RangeError(`mg1MeanWait: serviceScv must be a finite number >= 0 (got ${serviceScv})`);
  }
  const rho = lambda / mu;
  return (rho * (1 + serviceScv)) / (2 * mu * (1 - rho));
}

/** M/D/1 mean wait Wq = ρ/(2μ(1 − ρ)) [ms] (Pollaczek–Khinchine with C_s² = 0); 4.5 at ρ = 0.9, μ = 1. */
export function md1MeanWait(lambda: number, mu: number): number {
  return mg1MeanWait(lambda, mu, 0);
}
