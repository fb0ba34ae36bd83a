// Global test setup: pins fast-check's seed so property tests are reproducible; override with FC_SEED.
import fc from 'fast-check';

const seed = process.env['FC_SEED'] !== undefined ? Number(process.env['FC_SEED']) : 20261122;
fc.configureGlobal({ seed, numRuns: 100 });
