import type { Command } from 'commander';
import { usageError } from './cliError.ts';

/** Adds `bintwin feed <file> --to <url>`: replay a recorded scan or EPCIS feed against a server. */
export function addFeedCommand(program: Command, result: { exitCode: number }): void {
  program
    .command('feed')
    .description('replay a recorded feed (NDJSON of scans, or an EPCIS document) against a running server')
    .argument('<file>', 'scans as NDJSON (one scan message per line) or an EPCIS 2.0 JSON document')
    .requiredOption('--to <url>', 'server base URL, e.g. http://localhost:8080')
    .option(
      '--speed <n>',
      'replay speed: 1 = real time (device/event times), 10 = ten times faster, max = no waiting',
      'max',
    )
    .option('--token <t>', 'device token (or BINTWIN_FEED_TOKEN)')
    .option('--batch <n>', 'scans per request at max speed', '100')
    .addHelpText(
      'after',
      `
Scans go to POST /api/scans in file order, paced by their deviceTime; EPCIS events go one by
one to POST /epcis/events (a duplicate eventID, 409, counts as already there), paced by eventTime.
Progress goes to stderr. Exit 1 when the server refuses anything other than a duplicate.`,
    )
    .action(async (file: string, opts: { to: string; speed: string; token?: string; batch: string }) => {
      const speed = opts.speed === 'max' ? Infinity : Number(opts.speed);
      if (!(speed > 0)) throw usageError(`--speed must be a positive number or max, not "${opts.speed}"`);
      const batch = Number(opts.batch);
      if (!Number.isInteger(batch) || batch < 1 || batch > 1000) throw usageError('--batch must be 1 … 1000');
      const { replayFeed } = await import('../feeds/feedReplay.ts');
      const token = opts.token ?? process.env['BINTWIN_FEED_TOKEN'];
      result.exitCode = await replayFeed({ file, url: opts.to, speed, batch, ...(token ? { token } : {}) });
    });
}
