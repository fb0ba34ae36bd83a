// Keeps 1 % of the failed requests' traces of the retry storm (tail sampling) and prints what failed first;
// with a file name, also writes them as OTLP/JSON Lines for Jaeger or a Collector:
//   npx -y pnpm@10 --filter @meshsim/examples failed-traces [traces.jsonl]

import { writeFileSync } from 'node:fs';

import { renderOtlpTraceRequests } from 'meshsim';

import { DEFAULT_FAILED_TRACES, failedTracesReport, runFailedTraces } from './traces/failedTraces.js';

const result = runFailedTraces(DEFAULT_FAILED_TRACES);
process.stdout.write(failedTracesReport(result, DEFAULT_FAILED_TRACES));
const out = process.argv[2];
if (out !== undefined) {
  writeFileSync(out, [...renderOtlpTraceRequests(result)].map((line) => line + '\n').join(''));
  process.stderr.write(`wrote the kept traces to ${out}\n`);
}
