import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { JournalEvent } from '../../sim/index.ts';
import { listJournalSegments } from '../live/journalSegments.ts';
import { parseNdjsonPrefix } from '../live/ndjson.ts';

/** Every event of the run's journal, from its segments (archived ones unzipped). */
export function readRunJournal(folder: string): JournalEvent[] {
  const out: JournalEvent[] = [];
  for (const s of listJournalSegments(folder)) {
    const text = s.gz ? gunzipSync(readFileSync(s.file)).toString('utf8') : readFileSync(s.file, 'utf8');
    // One push per event: spreading a long segment into push() would overflow the stack.
    for (const e of parseNdjsonPrefix<JournalEvent>(text)) out.push(e);
  }
  return out;
}
