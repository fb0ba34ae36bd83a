// The simulated time unit, in one place: every time in meshsim is a float64 number of milliseconds.

/** Simulated time or duration in milliseconds (float64). */
export type SimTimeMs = number;
