import type { Logger } from 'pino';
import { compactJournal } from './journalSegments.ts';

/**
 * Archives (gzips) the closed journal segments a checkpoint just covered, off the tick
 * (streamed): one pass at a time over one folder (a single-site run) or one per site (a network
 * run), and a failure only leaves segments plain. Shared by both live runs, so a wall screen
 * kept up for days on either keeps its disk use to the active segments plus gzipped history.
 */
export class JournalArchiver {
  private pass: Promise<void> | null = null;

  /** `run` names the run in the log lines. */
  constructor(
    private readonly log: Logger,
    private readonly run: string,
  ) {}

  /** Starts a pass over each folder up to its covered seq, unless a pass is still running. */
  archive(covered: readonly (readonly [folder: string, coveredSeq: number])[]): void {
    if (this.pass) return;
    this.pass = (async () => {
      for (const [folder, coveredSeq] of covered) {
        const saved = await compactJournal(folder, coveredSeq);
        if (saved > 0)
          this.log.info({ run: this.run, folder, saved, coveredSeq }, 'journal segments archived (gzip)');
      }
    })()
      .catch((err: unknown) =>
        this.log.error({ err, run: this.run }, 'journal archive failed; segments stay plain'),
      )
      .finally(() => {
        this.pass = null;
      });
  }

  /** Resolves when no archive pass is running (tests, and before a rebuild or close). */
  async settled(): Promise<void> {
    await this.pass;
  }
}
