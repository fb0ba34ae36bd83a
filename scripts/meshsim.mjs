// `pnpm meshsim …` from a checkout: runs the built CLI in the directory the command was typed in. pnpm runs a
// root script from the workspace root, so without this a relative scenario path typed in a subdirectory would
// be looked up in the root (`cd my && pnpm meshsim run slowdb.yaml` → file not found).

const bin = new URL('../packages/cli/dist/bin.js', import.meta.url);
// INIT_CWD: where npm/pnpm was invoked (set by both for every script they run).
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
await import(bin.href);
