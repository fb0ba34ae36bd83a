#!/usr/bin/env node
// The `meshsim` executable: starts the compiled CLI in ../dist. A file of its own, in the repository, so that
// installing a checkout links the command before the first build (`pnpm build`) without a warning.

const entry = new URL('../dist/bin.js', import.meta.url);
try {
  await import(entry.href);
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(entry.pathname)) {
    process.stderr.write(
      'meshsim: not built yet: run `pnpm build` (or `pnpm meshsim …`, which builds first)\n',
    );
    process.exit(2);
  }
  throw error;
}
