/** The bench command's options as commander hands them over (strings, defaults filled in). */
export interface RawBenchArgs {
  only?: string;
  scale: string;
  compare?: string;
  rounds: string;
}

/** The bench command's options, validated. */
export interface BenchArgs {
  only?: string;
  scale: number;
  compare?: string;
  rounds: number;
}

/** Validated options of the command line, or an error message naming the bad one. */
export function parseBenchArgs(opts: RawBenchArgs, cases: readonly string[]): BenchArgs | string {
  const scale = Number(opts.scale);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1)
    return `--scale: "${opts.scale}" is not a number in (0, 1]`;
  const rounds = Number(opts.rounds);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 50)
    return `--rounds: "${opts.rounds}" is not an integer from 1 to 50`;
  if (opts.only !== undefined && !cases.includes(opts.only)) {
    return `unknown case "${opts.only}" (cases: ${cases.join(', ')})`;
  }
  if (opts.compare === undefined && opts.rounds !== '3') return '--rounds only goes with --compare';
  return { only: opts.only, scale, compare: opts.compare, rounds };
}
