#!/usr/bin/env node
// The `meshsim` executable of the package users install: the same program as @meshsim/cli's.

import { runProcess } from '@meshsim/cli';

await runProcess();
