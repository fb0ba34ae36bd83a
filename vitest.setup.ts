// Global test setup: pins fast-check's seed so property tests are reproducible (override with FC_SEED), and runs
// commands without worker threads by default (MESHSIM_WORKERS=0).
import fc from 'fast-check';

const seed = process.env['FC_SEED'] !== undefined ? Number(process.env['FC_SEED']) : 20261122;
fc.configureGlobal({ seed, numRuns: 100 });

// Commands run their replications and comparisons in the test's own thread unless a test asks for
// workers (--workers N): starting worker threads from TypeScript sources costs seconds each.
process.env['MESHSIM_WORKERS'] ??= '0';
