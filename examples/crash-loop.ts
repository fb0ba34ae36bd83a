// A dependency in CrashLoopBackOff behind a readiness probe, under four mesh shapes: when it is back (the kubelet's
// backoff) and what the outage costs in retries (each mesh's rules for a destination with no ready endpoint):
//   npx -y pnpm@10 --filter @meshsim/examples crash-loop

import { crashLoopTable, runCrashLoop } from './crashloop/crashLoop.js';

process.stdout.write(crashLoopTable(runCrashLoop()));
