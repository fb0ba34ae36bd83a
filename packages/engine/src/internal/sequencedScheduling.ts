// Scheduling with a reserved sequence number: what FixedDelayTimers needs from an Engine beyond its
// public API. Engine implements it as methods keyed by these symbols, which the package does not
// export, so the operations stay off the public surface.

/**
 * `engine[RESERVE_SEQUENCE]()`: reserves the sequence number the next `schedule` call would take, so
 * that an event scheduled later with {@link SCHEDULE_AT_WITH_SEQUENCE} ties with others as if it had
 * been scheduled now.
 */
export const RESERVE_SEQUENCE: unique symbol = Symbol('reserveSequence');

/**
 * `engine[SCHEDULE_AT_WITH_SEQUENCE](timeMs, sequence, fire, arg)`: schedules `fire(arg)` at `timeMs`
 * (finite, not before now) with a sequence number from {@link RESERVE_SEQUENCE}. Throws a RangeError
 * naming the value otherwise.
 */
export const SCHEDULE_AT_WITH_SEQUENCE: unique symbol = Symbol('scheduleAtWithSequence');
