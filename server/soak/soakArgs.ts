import { Command, CommanderError } from 'commander';

/** The soak's settings, validated. */
export interface SoakArgs {
  hours: number;
  viewers: number;
  rate: number;
  sampleMs: number;
  fitShare: number;
}

/**
 * Parses `npm run soak` flags with commander (so `--help` works and an unknown flag is named),
 * then checks each value; returns the settings, or the exit code after help or an error was
 * printed. Kept apart from main.ts so it can be tested without starting a server.
 */
export function parseSoakArgs(
  argv: readonly string[],
  out: (s: string) => void,
  err: (s: string) => void,
): SoakArgs | number {
  const program = new Command('soak')
    .description(
      'a live server (demo-dc at ×60) under viewers and a scanner/EPCIS feed, sampling its heap after GC; ' +
        'verdict: flat within ±1 MB/h over the fit window',
    )
    .option('--hours <n>', 'length of the run in hours', '1')
    .option('--viewers <n>', 'socket viewers connected throughout', '20')
    .option('--rate <n>', 'feed scans per second', '200')
    .option('--sample-seconds <n>', 'seconds between memory samples', '60')
    .option('--fit-share <f>', 'share of the run left out of the fit at the start (0 ≤ f < 1)', '0.5')
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: err });
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.code === 'commander.helpDisplayed' ? 0 : 2;
    throw e;
  }
  const o = program.opts<Record<'hours' | 'viewers' | 'rate' | 'sampleSeconds' | 'fitShare', string>>();
  const checks: [string, string, number, (v: number) => boolean, string][] = [
    ['--hours', o.hours, Number(o.hours), (v) => v > 0, 'a number above 0'],
    ['--viewers', o.viewers, Number(o.viewers), (v) => Number.isInteger(v) && v >= 0, 'a whole number ≥ 0'],
    ['--rate', o.rate, Number(o.rate), (v) => v > 0, 'a number above 0'],
    ['--sample-seconds', o.sampleSeconds, Number(o.sampleSeconds), (v) => v > 0, 'a number above 0'],
    [
      '--fit-share',
      o.fitShare,
      Number(o.fitShare),
      (v) => v >= 0 && v < 1,
      'a number from 0 up to (not including) 1',
    ],
  ];
  for (const [flag, raw, v, ok, want] of checks) {
    if (!Number.isFinite(v) || !ok(v)) {
      err(`soak: ${flag} "${raw}" is not ${want}\n`);
      return 2;
    }
  }
  return {
    hours: Number(o.hours),
    viewers: Number(o.viewers),
    rate: Number(o.rate),
    sampleMs: Number(o.sampleSeconds) * 1000,
    fitShare: Number(o.fitShare),
  };
}
