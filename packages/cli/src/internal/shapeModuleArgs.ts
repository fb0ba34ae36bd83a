// `--shape-module FILE` (repeatable, a flag of every command, given before or after the command's name): the modules
// that register mesh shapes of the user's, taken out of the arguments before the command parses them
// (loadShapeModules.ts imports them).

import { UsageError } from '../CliError.js';

/** The flag. */
export const SHAPE_MODULE_FLAG = '--shape-module';
const FLAG = SHAPE_MODULE_FLAG;

/** A command's arguments without its `--shape-module` flags, and their files in the order given. */
export interface ShapeModuleArgs {
  readonly files: string[];
  readonly rest: string[];
}

/**
 * Takes `--shape-module FILE` and `--shape-module=FILE` out of `args` (up to a `--`, after which every argument is
 * the command's).
 * @throws {UsageError} when the flag has no file.
 */
export function takeShapeModules(args: readonly string[], command: string): ShapeModuleArgs {
  const files: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      for (const after of args.slice(i)) rest.push(after);
      break;
    }
    let file: string | undefined;
    if (arg === FLAG) file = args[++i];
    else if (arg.startsWith(`${FLAG}=`)) file = arg.slice(FLAG.length + 1);
    else {
      rest.push(arg);
      continue;
    }
    if (file === undefined || file.trim() === '' || file.startsWith('-')) {
      throw new UsageError(`${FLAG} needs a file: ${FLAG} ./my-shape.mjs`, command);
    }
    files.push(file);
  }
  return { files, rest };
}

/**
 * Takes the `--shape-module FILE` and `--shape-module=FILE` flags that come before the command's name off `argv`
 * (`meshsim --shape-module ./kuma.mjs compare …`): the files, and `argv` from the first other argument on.
 * @throws {UsageError} when the flag has no file.
 */
export function takeLeadingShapeModules(argv: readonly string[]): ShapeModuleArgs {
  const files: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i] as string;
    let file: string | undefined;
    if (arg === FLAG) file = argv[++i];
    else if (arg.startsWith(`${FLAG}=`)) file = arg.slice(FLAG.length + 1);
    else break;
    if (file === undefined || file.trim() === '' || file.startsWith('-')) {
      throw new UsageError(`${FLAG} needs a file: ${FLAG} ./my-shape.mjs`);
    }
    files.push(file);
  }
  return { files, rest: argv.slice(i) };
}
