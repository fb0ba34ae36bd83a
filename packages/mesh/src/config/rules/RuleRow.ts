// The row type of the rule tables: one scalar field of a policy or of the scenario format, with its
// unit, kind, range, default and where each bound and default comes from. Plain data, no behaviour.

/**
 * Where a default or a bound comes from: a citation key that resolves in docs/sources.md (`cite`), or
 * an assumption of this model with the reason for it.
 */
export type RuleSource =
  | {
      /** A key of docs/sources.md, e.g. `envoy-circuit-breakers`. */
      readonly cite: string;
      /** What the source says, in a few words; shown in error messages for bounds (e.g. `Tower asserts this range`). */
      readonly note?: string;
    }
  | {
      /** Why the value was chosen, in a few words. */
      readonly assumption: string;
    };

/** How a value is written and checked. */
export type RuleKind =
  /** A whole number (a count). */
  | 'integer'
  /** Any real number. */
  | 'number'
  /** A duration: a number of milliseconds, or a string with a unit (`250ms`, `1.5s`). */
  | 'duration'
  /** A percentage: a number in [0, 100] or a string with `%` (`12.5%`). */
  | 'percent'
  /** A probability in [0, 1]. */
  | 'probability'
  /** A request rate: a number of requests per second, or a string with a unit (`800/s`, `48000/m`). */
  | 'rate'
  /** A memory size: a number in the row's unit, or a string with a unit (`64Mi`, `50MB`). */
  | 'size'
  /** A CPU quantity: a number of cores (`0.5`), or a Kubernetes quantity string (`500m`, `2`). */
  | 'cpu'
  /** `true` or `false`. */
  | 'boolean'
  /** One of the row's `values`. */
  | 'enum';

/** The unit of a value (of a bare number, for kinds that also accept strings with a unit). */
export type RuleUnit =
  | 'ms'
  | 'count'
  | 'ratio'
  | 'percent'
  | 'rps'
  | 'per-s'
  | 'tokens'
  | 'bytes'
  | 'KiB'
  | 'MiB'
  | 'cores'
  | 'USD'
  | 'none';

/** A numeric bound of a field (in the row's `unit`). */
export interface RuleBound {
  readonly value: number;
  /** Whether the bound itself is excluded (`> 0` rather than `>= 0`). */
  readonly exclusive?: boolean;
  readonly source: RuleSource;
  /**
   * What a scenario's error refusing a value past this bound adds to explain it, after a colon (`attempts counts
   * every try including the first, …`). @defaultValue nothing
   */
  readonly why?: string;
}

/** The field must be at least another field of the same table (`maxPenalty >= minPenalty`). */
export interface RuleRelation {
  /** The other field, as written in a scenario. */
  readonly field: string;
  /**
   * When one of the two is omitted: `default` compares with its default (which must then be a value),
   * `skip` does not compare (the omitted one's default is derived so that the rule holds).
   */
  readonly ifOmitted: 'default' | 'skip';
  readonly source: RuleSource;
}

/** "No limit": how a scenario writes it (`word`, or null when only a config built in code can, as Infinity). */
export interface RuleUnlimited {
  readonly word: 'unlimited' | 'unbounded' | null;
  readonly source: RuleSource;
}

/** What an omitted field means. */
export type RuleDefault =
  /** A value (in the row's `unit`), e.g. `{ value: 1024 }`. */
  | {
      readonly value: number | string | boolean;
      /** Who uses this default, shown after it (`Default 25ms (Envoy).`). */
      readonly by?: string;
      readonly source: RuleSource;
    }
  /** No default: the field must be given. */
  | { readonly required: true }
  /** Omitting it means something that is not a value: `no timeout`, `the service's`. */
  | { readonly none: string }
  /** Computed from other fields: `one second of rps (at least 1)`. */
  | { readonly derived: string; readonly source: RuleSource };

/** One scalar field: how it is written, its range and its default. */
export interface RuleRow {
  /** The field as written in a scenario file (YAML), e.g. `ttl`. */
  readonly field: string;
  /** The field in the resolved config where it differs, e.g. `ttlMs`. */
  readonly configField?: string;
  readonly kind: RuleKind;
  /** Unit of the value as a scenario writes it (durations: ms; percentages: percent). */
  readonly unit: RuleUnit;
  /** Unit in the resolved config where it differs (a percentage written, a ratio stored). */
  readonly configUnit?: RuleUnit;
  /** Smallest allowed value (in `unit`). */
  readonly min?: RuleBound;
  /** Largest allowed value (in `unit`). */
  readonly max?: RuleBound;
  /** Must be >= another field of the table. */
  readonly atLeast?: RuleRelation;
  /** Whether "no limit" is allowed, and how it is written. */
  readonly unlimited?: RuleUnlimited;
  /** The allowed values of an `enum`. */
  readonly values?: readonly (string | number)[];
  readonly default: RuleDefault;
  /** One line: what the field does. */
  readonly description: string;
}

/**
 * A field of a table's object that is no scalar (a list, a nested object), checked by its own schema rather than by
 * the table: shown in the table's docs after its rows, so every field of the object is in one place.
 */
export interface RuleDocField {
  /** The field as written in a scenario file, e.g. `retryOn`. */
  readonly field: string;
  /** The field in the resolved config where it differs. */
  readonly configField?: string;
  /** How it is written, as a docs cell: `list of \`5xx\` | \`reset\` …`. */
  readonly type: string;
  /** What omitting it means, as a docs cell. */
  readonly default: string;
  /** One line: what the field does. */
  readonly description: string;
}

/** The rule table of one policy (or of one part of the scenario format). */
export interface RuleTable {
  /** Stable id, used by the docs markers (`<!-- rules:linkerd-retry-budget -->`). */
  readonly id: string;
  /** Human title, e.g. `Linkerd retry budget`. */
  readonly title: string;
  /** Where the fields are written in a scenario, e.g. `services.*.destinationPolicy.retryBudget.linkerd`. */
  readonly scenarioPath: string;
  /** Where they land in the resolved config, e.g. `ServiceConfig.destination.retryBudget (kind linkerd)`. */
  readonly configPath: string;
  readonly rows: readonly RuleRow[];
  /** The object's other fields (lists, nested objects), for the docs only. */
  readonly docFields?: readonly RuleDocField[];
}
