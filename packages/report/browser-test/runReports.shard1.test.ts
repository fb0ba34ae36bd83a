// Every bundled scenario's HTML run report opened in Chromium, shard 1 of 2 (the checks are in
// __helpers__/runReports.ts; the two shards run side by side).

import { describeRunReports } from './__helpers__/runReports.js';

describeRunReports(1, 2);
