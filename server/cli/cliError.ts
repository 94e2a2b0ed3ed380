/** Exit code for a mistake in how the command was called (flags, arguments, unknown scenario name). */
export const EXIT_USAGE = 2;
/** Exit code for a failure while doing the work (bad scenario file, unwritable output, engine error). */
export const EXIT_RUNTIME = 1;

/** An error meant for the person at the terminal: the message is printed as is after `bintwin: `. */
export class CliError extends Error {
  override readonly name = 'CliError';

  /** `exitCode` is EXIT_USAGE or EXIT_RUNTIME. */
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** A usage mistake: exit code 2. */
export function usageError(message: string): CliError {
  return new CliError(message, EXIT_USAGE);
}

/** A failure while running: exit code 1. */
export function runtimeError(message: string): CliError {
  return new CliError(message, EXIT_RUNTIME);
}
