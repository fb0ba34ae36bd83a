// Scheduling with a reserved sequence number: what FixedDelayTimers needs from an Engine beyond its
// public API. Internal to @meshsim/engine; Engine fills in the functions from its static block.

import type { Engine, EventHandler, TimerHandle } from '../Engine.js';
import type { SimTimeMs } from '../time.js';

/** Engine operations that keep the ordering contract for events scheduled after the fact. */
export interface SequencedScheduling {
  /**
   * Reserves the sequence number the next `schedule` call on `engine` would take, so that an event
   * scheduled later with {@link SequencedScheduling.scheduleAtWithSequence} ties with others as if
   * it had been scheduled now.
   */
  reserveSequence(engine: Engine): number;
  /**
   * Schedules `fire(arg)` at `timeMs` (finite, not before now) with a sequence number from
   * {@link SequencedScheduling.reserveSequence}. Throws a RangeError naming the value otherwise.
   */
  scheduleAtWithSequence<A>(
    engine: Engine,
    timeMs: SimTimeMs,
    sequence: number,
    fire: EventHandler<A>,
    arg: A,
  ): TimerHandle;
}

function notInstalled(): never {
  throw new Error('sequencedScheduling: Engine.ts has not been loaded');
}

/** The operations, installed by the Engine class when its module loads. */
export const sequencedScheduling: SequencedScheduling = {
  reserveSequence: notInstalled,
  scheduleAtWithSequence: notInstalled,
};
