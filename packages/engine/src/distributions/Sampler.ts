// The common shape of every distribution in this folder: a zero-argument function that returns one draw.
// A sampler is bound to its random stream when it is built, so calling it needs no arguments.

/** Returns one draw from a distribution; bound to a seeded random stream when it was created. */
export type Sampler = () => number;
