// Public API of @meshsim/cli: the command line as a testable function, and its building blocks.

export { main } from './main.js';
export { CliError, UsageError } from './CliError.js';
export { COMMANDS, COMMAND_HELP, MAIN_HELP } from './help.js';
export { ProgressBar, formatDoneLine, formatProgressLine } from './progress.js';
export { parseRunArgs } from './commands/run.js';
export { parseCompareArgs } from './commands/compare.js';
export { readVersion } from './version.js';

export type { CliIo, CliStream } from './CliIo.js';
export type { CommandName } from './help.js';
export type { ProgressBarOptions } from './progress.js';
export type { CsvTable, RunArgs, RunFormat } from './commands/run.js';
export type { CompareArgs } from './commands/compare.js';
