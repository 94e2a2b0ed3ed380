import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { JournalEvent } from '../../sim/index.ts';
import { listJournalSegments } from '../live/journalSegments.ts';

/**
 * Reads the events appended to a live run's journal since the last call: the plain segments
 * are followed from a byte offset, complete lines only. A new run, a rotated-away segment or a
 * journal cut back (a rewind, a resume) restarts at the current end: the caller treats such a
 * restart as "anything may have changed" (`reset`).
 */
export class JournalTail {
  private folder = '';
  private file = '';
  private offset = 0;

  /** New events since the last call, and whether the tail had to restart (nothing was skipped before a restart's end). */
  read(folder: string): { events: JournalEvent[]; reset: boolean } {
    const segs = listJournalSegments(folder).filter((s) => !s.gz);
    const at = segs.findIndex((s) => s.file === this.file);
    if (folder !== this.folder || at < 0 || statSync(this.file).size < this.offset) {
      this.folder = folder;
      const last = segs.at(-1);
      this.file = last?.file ?? '';
      this.offset = last ? statSync(last.file).size : 0;
      return { events: [], reset: true };
    }
    const events: JournalEvent[] = [];
    for (let i = at; i < segs.length; i++) {
      if (i > at) {
        this.file = segs[i]!.file;
        this.offset = 0;
      }
      const text = this.readFrom(this.file, this.offset);
      const end = text.lastIndexOf('\n') + 1;
      for (const line of text.slice(0, end).split('\n'))
        if (line !== '') events.push(JSON.parse(line) as JournalEvent);
      this.offset += Buffer.byteLength(text.slice(0, end));
      // A torn last line of a closed segment cannot be: only the newest one is still written.
    }
    return { events, reset: false };
  }

  private readFrom(file: string, from: number): string {
    const size = statSync(file).size;
    if (size <= from) return '';
    const buf = Buffer.alloc(size - from);
    const fd = openSync(file, 'r');
    try {
      let off = 0;
      while (off < buf.length) {
        const n = readSync(fd, buf, off, buf.length - off, from + off);
        if (n === 0) break;
        off += n;
      }
      return buf.subarray(0, off).toString('utf8');
    } finally {
      closeSync(fd);
    }
  }
}
