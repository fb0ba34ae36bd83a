// The scenario-file fuzzer of CI (`pnpm fuzz`, a step of .ci/run): N fuzzed files split over worker
// processes, each file checked by checkFuzzedFile; a worker silent for longer than the per-file limit is a
// hang. Prints the count it ran; exits 1 on any problem, writing each failing file under fuzz-failures/.
// Usage: tsx --tsconfig tsconfig.json packages/scenario/test/fuzz/runFuzzer.ts [--files N] [--workers N] [--seed N]

import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

import fc from 'fast-check';

import { FUZZ_MAX_DEPTH, PER_FILE_LIMIT_MS, checkFuzzedFile } from './checkFuzzedFile.js';
import { arbFuzzedFile } from './scenarioMutations.js';
import type { FuzzedFile } from './scenarioMutations.js';

/** Messages from a worker to the parent. */
type WorkerMessage =
  | { kind: 'start'; file: FuzzedFile }
  | { kind: 'problem'; file: FuzzedFile; problems: string[] }
  | { kind: 'done'; files: number; accepted: number; slowestMs: number };

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '10000' },
    workers: { type: 'string', default: '2' },
    seed: { type: 'string', default: '12' },
    shard: { type: 'string' },
  },
});
const files = Number(values.files);
const workers = Number(values.workers);
const seed = Number(values.seed);

/** Files generated at once by a worker. */
const CHUNK = 50;
/** Time a worker has to load its modules before its first file [ms]. */
const STARTUP_LIMIT_MS = 60_000;

/**
 * In a worker: fuzz `count` files from `seed`, reporting each start, each problem and the totals. Yields to
 * the event loop after each file so that its messages reach the parent (whose watchdog counts on them).
 */
async function runShard(shard: number, count: number): Promise<void> {
  const send = (message: WorkerMessage): void => {
    process.send?.(message);
  };
  let accepted = 0;
  let slowestMs = 0;
  const arb = arbFuzzedFile(FUZZ_MAX_DEPTH);
  // Files are made in chunks (fc.sample makes all it is asked for at once), each chunk from its own seed.
  for (let chunk = 0; chunk * CHUNK < count; chunk++) {
    const numRuns = Math.min(CHUNK, count - chunk * CHUNK);
    for (const file of fc.sample(arb, { numRuns, seed: seed * 1_000_000 + shard * 10_000 + chunk })) {
      send({ kind: 'start', file });
      const outcome = checkFuzzedFile(file);
      if (outcome.accepted) accepted++;
      slowestMs = Math.max(slowestMs, outcome.elapsedMs);
      if (outcome.problems.length > 0) send({ kind: 'problem', file, problems: outcome.problems });
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  send({ kind: 'done', files: count, accepted, slowestMs });
}

/** In the parent: fork the workers, watch them, print the totals. */
async function runAll(): Promise<number> {
  const started = performance.now();
  const failures: { file: FuzzedFile; problems: string[] }[] = [];
  let ran = 0;
  let accepted = 0;
  let slowestMs = 0;
  const script = fileURLToPath(import.meta.url);
  await Promise.all(
    Array.from({ length: workers }, (_, shard) => {
      const count = Math.floor(files / workers) + (shard < files % workers ? 1 : 0);
      return new Promise<void>((resolve) => {
        const child = fork(
          script,
          ['--shard', String(shard), '--files', String(count), '--seed', String(seed)],
          {
            execArgv: process.execArgv,
          },
        );
        let current: FuzzedFile | undefined;
        let finished = false;
        let watchdog: NodeJS.Timeout | undefined;
        const arm = (limitMs = PER_FILE_LIMIT_MS * 2): void => {
          clearTimeout(watchdog);
          watchdog = setTimeout(() => {
            if (current !== undefined) {
              failures.push({
                file: current,
                problems: [`no answer within ${PER_FILE_LIMIT_MS * 2} ms: a hang`],
              });
            }
            child.kill('SIGKILL');
          }, limitMs);
        };
        arm(STARTUP_LIMIT_MS);
        child.on('message', (message: WorkerMessage) => {
          if (message.kind === 'start') {
            current = message.file;
            arm();
          } else if (message.kind === 'problem') {
            failures.push({ file: message.file, problems: message.problems });
          } else {
            finished = true;
            ran += message.files;
            accepted += message.accepted;
            slowestMs = Math.max(slowestMs, message.slowestMs);
          }
        });
        child.on('exit', (code) => {
          clearTimeout(watchdog);
          if (!finished) {
            failures.push({
              file: current ?? { name: '(none)', text: '' },
              problems: [`worker ${shard} ended (exit ${code}) before finishing`],
            });
          }
          resolve();
        });
      });
    }),
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `scenario fuzzer: ${ran.toLocaleString('en-US')} files in ${seconds} s (${workers} workers, seed ${seed}): ` +
      `${(ran - accepted).toLocaleString('en-US')} refused, ${accepted.toLocaleString('en-US')} accepted, ` +
      `slowest ${Math.round(slowestMs)} ms, ${failures.length} problems`,
  );
  if (failures.length === 0) return 0;
  const dir = join(process.cwd(), 'fuzz-failures');
  mkdirSync(dir, { recursive: true });
  failures.forEach(({ file, problems }, index) => {
    const path = join(dir, `${index}-${file.name}`);
    writeFileSync(path, file.text);
    console.log(
      `${path}: ${problems.join('; ')}${file.mustReject === undefined ? '' : ` (must refuse: ${file.mustReject})`}`,
    );
  });
  console.log('add each to packages/scenario/test/fuzz/corpus/ once fixed');
  return 1;
}

if (values.shard !== undefined) await runShard(Number(values.shard), files);
else process.exitCode = await runAll();
