import { Command, CommanderError } from 'commander';

/** The soak's settings, validated. */
export interface SoakArgs {
  hours: number;
  viewers: number;
  rate: number;
  sampleMs: number;
  fitShare: number;
  /** Simulated seconds per wall second of the server child (×60 unless told: a higher one packs more simulated days into a run). */
  speed: number;
  /** Where heap snapshots go (`--heap-snapshots`); none are taken without it. */
  snapshotDir?: string;
  /** Wall minutes at which the child writes a heap snapshot, ascending. */
  snapshotMinutes: number[];
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
    .option('--speed <n>', 'simulated seconds per wall second in the server (1…1000)', '60')
    .option('--heap-snapshots <dir>', 'write heap snapshots of the server into this directory')
    .option(
      '--snapshot-minutes <list>',
      'wall minutes at which to snapshot, comma-separated (default: 20%, 50% and 95% of the run)',
    )
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: err });
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.code === 'commander.helpDisplayed' ? 0 : 2;
    throw e;
  }
  const o = program.opts<
    Record<'hours' | 'viewers' | 'rate' | 'sampleSeconds' | 'fitShare' | 'speed', string> &
      Partial<Record<'heapSnapshots' | 'snapshotMinutes', string>>
  >();
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
    ['--speed', o.speed, Number(o.speed), (v) => v >= 1 && v <= 1000, 'a number from 1 to 1000'],
  ];
  for (const [flag, raw, v, ok, want] of checks) {
    if (!Number.isFinite(v) || !ok(v)) {
      err(`soak: ${flag} "${raw}" is not ${want}\n`);
      return 2;
    }
  }
  const hours = Number(o.hours);
  const minutes =
    o.snapshotMinutes === undefined
      ? [0.2, 0.5, 0.95].map((f) => Math.round(hours * 60 * f * 10) / 10)
      : o.snapshotMinutes.split(',').map((m) => Number(m.trim()));
  const badMinute = minutes.find((m) => !Number.isFinite(m) || m < 0 || m > hours * 60);
  if (badMinute !== undefined) {
    err(
      `soak: --snapshot-minutes "${o.snapshotMinutes}" must list minutes from 0 to the run's ${hours * 60}\n`,
    );
    return 2;
  }
  if (o.snapshotMinutes !== undefined && o.heapSnapshots === undefined) {
    err('soak: --snapshot-minutes needs --heap-snapshots <dir> to say where they go\n');
    return 2;
  }
  return {
    hours,
    speed: Number(o.speed),
    ...(o.heapSnapshots === undefined ? {} : { snapshotDir: o.heapSnapshots }),
    snapshotMinutes: o.heapSnapshots === undefined ? [] : [...minutes].sort((a, b) => a - b),
    viewers: Number(o.viewers),
    rate: Number(o.rate),
    sampleMs: Number(o.sampleSeconds) * 1000,
    fitShare: Number(o.fitShare),
  };
}
