// The streams a command reads and writes; main() takes them as a parameter so tests can capture the output.

/** A writable text stream: `process.stdout`, `process.stderr`, or a test double. */
export interface CliStream {
  write(chunk: string): unknown;
  /** True when the stream is a terminal (the progress bar is drawn only then). */
  isTTY?: boolean;
}

/** Where a command writes its results (`stdout`) and its messages, progress and errors (`stderr`). */
export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  /** Reads all of standard input, for a scenario given as `-`; absent when there is none to read. */
  readStdin?: () => string;
}
