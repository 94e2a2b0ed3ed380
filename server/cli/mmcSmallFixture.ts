import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes `mmc-small.json` into `dir` for the experiment tests: ten servers, no travel, unlimited
 * stock, so an hour and a half costs ~50 ms of simulation. Returns the file's path.
 */
export function writeMmcSmall(dir: string): string {
  const file = join(dir, 'mmc-small.json');
  writeFileSync(
    file,
    JSON.stringify({
      schemaVersion: 1,
      name: 'mmc-small',
      workers: [{ role: 'picker', count: 10 }],
      demand: { arrivals: { kind: 'poisson', ratePerHour: 540 } },
      picking: { travel: 'none', serviceTime: { kind: 'exponential', mean: 60 } },
      inventory: { mode: 'unlimited' },
    }),
  );
  return file;
}
