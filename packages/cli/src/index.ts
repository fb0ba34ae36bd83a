// Public API of @meshsim/cli: the command line as a testable function and the streams it writes to.
// The commands, parsers, help texts and progress bar are internals (tests import their files).

export { main } from './main.js';
export { runProcess } from './runProcess.js';

export type { CliIo, CliStream } from './CliIo.js';
