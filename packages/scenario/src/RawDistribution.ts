// A distribution as a scenario file writes it (before units are applied): a constant, or a one-key object.

/** The raw form of a distribution: a constant duration, or a one-key object naming the kind. */
export type RawDistribution =
  | number
  | string
  | {
      constant?: number | string | undefined;
      uniform?: { min: number | string; max: number | string } | undefined;
      exponential?: { mean: number | string } | undefined;
      normal?: { mean: number | string; stdDev: number | string } | undefined;
      lognormal?:
        { median: number | string; p99: number | string } | { mu: number; sigma: number } | undefined;
      gamma?: { shape: number; scale: number | string } | undefined;
      erlang?: { k: number; mean: number | string } | undefined;
      pareto?: { scale: number | string; shape: number } | undefined;
      weibull?: { scale: number | string; shape: number } | undefined;
      empirical?:
        | { samples: (number | string)[] }
        | { bins: { lower: number | string; upper: number | string; count: number }[] }
        | undefined;
      mixture?: { weight: number; dist: RawDistribution }[] | undefined;
    };

/** The one-key object form of {@link RawDistribution}. */
export type RawDistributionObject = Exclude<RawDistribution, number | string>;
