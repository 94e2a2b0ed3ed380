import type { FeedEntry } from '../../sim/mirrorApi.ts';
import { digest64 } from './digestIndex.ts';

/** Digest of each top-level field of a message, so a reused id with other content names what differs. */
export type FieldDigests = Record<string, string>;

/**
 * Written ahead: a feed entry, durable before it touches the world. `n` is the ordinal it was
 * expected to get; the result record holds the ordinal it got (an entry before it in the same
 * batch may have been quarantined).
 */
export interface EntryRecord {
  t: 'e';
  /** Log sequence number (unique per entry, links result and void records to it). */
  q: number;
  k: string;
  /** Wall-clock ISO time of acceptance. */
  at: string;
  n: number;
  /** Sim time and engine position it is applied at. */
  simTime: number;
  ev: number;
  entry: FeedEntry;
  f: FieldDigests;
}

/** Written after applying: the answer (repeated to duplicates) and the journal events made. */
export interface ResultRecord {
  t: 'r';
  q: number;
  k: string;
  /** Its ordinal among applied entries (the world's `mirror.applied` after applying it). */
  n: number;
  reply: unknown;
  events?: string[];
  f: FieldDigests;
}

/** An entry that could not be applied (it threw): skipped by every replay, kept in quarantine. */
export interface VoidRecord {
  t: 'v';
  q: number;
  k: string;
  reason: string;
}

/** Any line of the feed log. */
export type FeedLogRecord = EntryRecord | ResultRecord | VoidRecord;

/** A line written before write-ahead logging (one combined record per acknowledged entry). */
interface LegacyRecord {
  key: string;
  reply: unknown;
  events?: string[];
  entry?: FeedEntry;
  simTime?: number;
  ev?: number;
  n?: number;
  at?: string;
}

/** The records a parsed line stands for (a legacy line stands for an entry and its result). */
export function recordsOfLine(v: unknown, q: number): FeedLogRecord[] {
  const o = v as Partial<FeedLogRecord> & Partial<LegacyRecord>;
  if (o.t === 'e' || o.t === 'r' || o.t === 'v') return [o as FeedLogRecord];
  if (typeof o.key !== 'string') throw new Error('not a feed log record');
  const f = o.entry ? fieldDigests(o.entry) : {};
  const out: FeedLogRecord[] = [];
  if (o.entry && o.simTime !== undefined && o.n !== undefined)
    out.push({
      t: 'e',
      q,
      k: o.key,
      at: o.at ?? '',
      n: o.n,
      simTime: o.simTime,
      ev: o.ev ?? 0,
      entry: o.entry,
      f,
    });
  out.push({
    t: 'r',
    q,
    k: o.key,
    n: o.n ?? 0,
    reply: o.reply,
    ...(o.events ? { events: o.events } : {}),
    f,
  });
  return out;
}

/**
 * Transport metadata: fields a sender may re-stamp when it retries the same message, so they are
 * not part of its identity and never make a retry "other content". A scanner re-stamps
 * `deviceTime` on every retry of a client event id (the scan is the same work); an EPCIS
 * `recordTime` is the repository's, not the capturing client's, and the
 * event hash leaves it out too. Everything else (what, where, how many, who) is identity.
 */
export const TRANSPORT_FIELDS: ReadonlySet<string> = new Set(['deviceTime', 'recordTime']);

/** Field digests of an entry: each scan field, or each top-level member of an EPCIS event (transport metadata left out). */
export function fieldDigests(entry: FeedEntry): FieldDigests {
  const fields = entryFields(entry);
  const out: FieldDigests = {};
  for (const [k, v] of Object.entries(fields)) {
    if (TRANSPORT_FIELDS.has(k)) continue;
    const [h, l] = digest64(JSON.stringify(v) ?? 'undefined');
    out[k] = (h.toString(16) + l.toString(16)).slice(0, 12);
  }
  return out;
}

/** The fields a reused id is compared on, per kind of entry. */
function entryFields(entry: FeedEntry): Record<string, unknown> {
  switch (entry.kind) {
    case 'scan':
      return { ...entry.scan };
    case 'epcis':
      return { ...entry.event };
    case 'orders':
      return { orders: entry.orders };
    case 'countDecision':
      return { ...entry.decision };
  }
}

/**
 * Fields whose content differs between two digests (present in one only, or with other
 * content). Transport fields are skipped here as well: logs written before they were left out
 * of the digests still hold one for them.
 */
export function differingFields(a: FieldDigests, b: FieldDigests): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !TRANSPORT_FIELDS.has(k) && a[k] !== b[k]).sort();
}
