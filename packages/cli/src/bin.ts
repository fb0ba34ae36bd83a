#!/usr/bin/env node
// The `meshsim` executable of @meshsim/cli: runs the command line on this process.

import { runProcess } from './runProcess.js';

await runProcess();
