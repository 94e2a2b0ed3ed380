import { existsSync, readFileSync } from 'node:fs';
import type { TruthEvent } from '../../sim/index.ts';
import { JournalWriter, type JournalRotation } from '../journalWriter.ts';
import { writeFileAtomic } from './atomicWrite.ts';
import { runFiles } from './dataDir.ts';
import { cutJournalSegments } from './journalRecovery.ts';
import { DEFAULT_JOURNAL_SEGMENT_BYTES, journalSegmentFile } from './journalSegments.ts';

/** How a live run keeps its journal: segment size (default 64 MB) and a test hook on rotation. */
export interface JournalOptions {
  segmentBytes?: number;
  afterRotate?: JournalRotation['afterRotate'];
}

/** Where a folder's journal continues: a fresh first segment, or the active one after a cut. */
export interface JournalPosition {
  file: string;
  mode: 'w' | 'a';
  /** Seq of the next line written. */
  nextLine: number;
}

/**
 * Rewrites the truth log to what a checkpoint holds (atomically: a crash leaves the old or the
 * new file): the events the engine had let go of before it (seq below the snapshot's window,
 * kept from the file as they are) and then the snapshot's window `events`. A snapshot keeps only
 * the newest truth events in memory (scenario `retention.truthEvents`), so the file is the one
 * place the older ones live; `lastSeq` is the snapshot's truth counter, for an empty window.
 */
export function writeTruthLog(
  file: string,
  events: readonly TruthEvent[],
  lastSeq = events.at(-1)?.seq ?? 0,
): void {
  const firstHeld = events[0]?.seq ?? lastSeq + 1;
  let older = '';
  if (firstHeld > 1 && existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    let at = 0;
    while (at < text.length) {
      const end = text.indexOf('\n', at);
      if (end < 0) break; // a torn last line is past any checkpoint
      const seq = (JSON.parse(text.slice(at, end)) as { seq?: unknown }).seq;
      if (typeof seq !== 'number' || seq >= firstHeld) break;
      at = end + 1;
    }
    older = text.slice(0, at);
  }
  writeFileAtomic(file, older + events.map((e) => JSON.stringify(e) + '\n').join(''));
}

/** The position of a new run's journal in `folder`: segment 1, written afresh. */
export function freshJournal(folder: string, first = 1): JournalPosition {
  return { file: journalSegmentFile(folder, first), mode: 'w', nextLine: first };
}

/**
 * The resume step of one journal folder: its segments are cut back to `lastSeq` (what the
 * checkpoint holds) and its truth log rewritten to the checkpoint's, so the resumed run
 * regenerates everything after, byte for byte. Returns where the journal continues.
 */
export function cutBackToCheckpoint(
  folder: string,
  lastSeq: number,
  truth: readonly TruthEvent[],
  lastTruthSeq?: number,
): JournalPosition & { droppedBytes: number } {
  const cut = cutJournalSegments(folder, lastSeq);
  writeTruthLog(runFiles(folder).truth, truth, lastTruthSeq);
  return { file: cut.active, mode: 'a', nextLine: lastSeq + 1, droppedBytes: cut.droppedBytes };
}

/**
 * One folder's segmented journal and truth log (a single-site run's folder, or one site's of a
 * network run), synced together: the truth log never lags the journal a checkpoint covers.
 */
export class RunLogs {
  /** The segmented journal. */
  readonly journal: JournalWriter;
  /** The truth log (physical-only happenings). */
  readonly truth: JournalWriter;

  /** Opens both in `folder`, the journal at `at`. */
  constructor(folder: string, at: JournalPosition, jopts: JournalOptions) {
    this.truth = new JournalWriter(runFiles(folder).truth, at.mode);
    this.journal = new JournalWriter(at.file, at.mode, {
      segmentBytes: jopts.segmentBytes ?? DEFAULT_JOURNAL_SEGMENT_BYTES,
      fileFor: (first) => journalSegmentFile(folder, first),
      nextLine: at.nextLine,
      ...(jopts.afterRotate ? { afterRotate: jopts.afterRotate } : {}),
    });
  }

  /** Makes both durable (fsync). */
  sync(): void {
    this.journal.sync();
    this.truth.sync();
  }

  /** Flushes and closes both. */
  close(): void {
    this.journal.close();
    this.truth.close();
  }

  /** Drops what is not yet written (an abandoned run). */
  discard(): void {
    this.journal.discard();
    this.truth.discard();
  }
}
