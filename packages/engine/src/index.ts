// Public API of @meshsim/engine: the kernel, random streams, distributions and the latency histogram.

export { Engine } from './Engine.js';
export { EventQueue } from './EventQueue.js';
export { RandomStreams } from './random/RandomStreams.js';

export type { EventHandler, TimerHandle, RunOptions, RunSummary, StopReason } from './Engine.js';
export type { SimTimeMs } from './time.js';
export type { Random } from './random/RandomStreams.js';
