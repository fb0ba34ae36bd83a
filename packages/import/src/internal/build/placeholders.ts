// The values the import writes where the inputs say nothing: entry-point rate, service times and traffic
// of a scenario without a graph. Each is marked as an assumption wherever it is used.

/** Traffic rate of each entry point when the inputs give none and no rate is chosen. */
export const DEFAULT_ENTRY_RATE = '100/s';
/** Service time of a service no graph describes. */
export const PLACEHOLDER_SERVICE_TIME = '1ms';
/** Rate of the placeholder traffic source of a scenario without a graph. */
export const PLACEHOLDER_RATE = '1/s';
