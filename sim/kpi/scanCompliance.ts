import type { JournalEventBody } from '../journal/journalEvent.ts';
import type { Rng } from '../random/randomStreams.ts';

/** Running tally behind scan compliance and override frequency (inside the KPI accumulator). */
export interface ScanTally {
  /** Journal movements (stock from one location to another) and how each was confirmed. */
  journalMoves: number;
  scanned: number;
  keyed: number;
  overridden: number;
  /** Moves the floor made with no transaction at all (truth log, cause `unscannedMove`). */
  unscannedMoves: number;
  /** Supervised overrides approved (any kind of directed task; journal `method: "override"`). */
  overrides: number;
  /** Directed tasks finished, by kind: pick, putaway, replenishment, count. */
  directedTasks: Record<string, number>;
}

/** A fresh tally. */
export function newScanTally(): ScanTally {
  return {
    journalMoves: 0,
    scanned: 0,
    keyed: 0,
    overridden: 0,
    unscannedMoves: 0,
    overrides: 0,
    directedTasks: {},
  };
}

/** Does this journal event move stock from one location to another (a putaway, pick, replenishment leg)? */
export function isMovement(e: Pick<JournalEventBody, 'bin' | 'toBin' | 'baseQty'>): boolean {
  return e.toBin !== undefined && e.baseQty !== undefined && e.baseQty > 0 && e.toBin !== e.bin;
}

/**
 * Books one event about to be committed. A movement the flow confirmed by a scan is keyed in
 * instead at `keyedShare` (the label would not read): decided here, where every movement
 * passes whether or not a journal is written, so a run's KPIs do not depend on journalling.
 * Returns the body to commit (a copy when its actor changed).
 */
export function tallyEvent(
  t: ScanTally,
  body: JournalEventBody,
  keyedShare: number,
  rng: () => Rng,
): JournalEventBody {
  const a = body.actor;
  if (!isMovement(body)) return body;
  t.journalMoves++;
  let out = body;
  if (a?.device !== undefined && a.method === undefined && keyedShare > 0 && rng()() < keyedShare) {
    out = { ...body, actor: { ...a, method: 'keyed' } };
  }
  const method = out.actor?.device === undefined ? 'none' : (out.actor.method ?? 'scan');
  if (method === 'scan') t.scanned++;
  else if (method === 'keyed') t.keyed++;
  else if (method === 'override') t.overridden++;
  return out;
}

/**
 * A supervised override was approved (booked where it happens, not from the journal, whose
 * override events are only written when a journal is kept).
 */
export function overrideDone(t: ScanTally): void {
  t.overrides++;
}

/** A directed task (pick, putaway, replenishment, count) was finished. */
export function directedTaskDone(t: ScanTally, kind: string): void {
  t.directedTasks[kind] = (t.directedTasks[kind] ?? 0) + 1;
}

/** The `scanning` group of kpis.json. */
export interface ScanKpis {
  /** Physical movements: every journal movement plus every move made without a transaction. */
  movements: number;
  scanned: number;
  keyed: number;
  overridden: number;
  unscannedMoves: number;
  /** Movements confirmed by a scan ÷ movements (physical truth). */
  scanCompliance: number | null;
  overrides: number;
  directedTasks: number;
  /** Overrides ÷ directed tasks (all kinds, not only putaway). */
  overrideFrequency: number | null;
  directedTasksByKind: Record<string, number>;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? Math.round((a / b) * 1e6) / 1e6 : null);

/** Computes the scanning KPIs from the tally. */
export function scanKpis(t: ScanTally): ScanKpis {
  const movements = t.journalMoves + t.unscannedMoves;
  const tasks = Object.values(t.directedTasks).reduce((a, b) => a + b, 0);
  return {
    movements,
    scanned: t.scanned,
    keyed: t.keyed,
    overridden: t.overridden,
    unscannedMoves: t.unscannedMoves,
    scanCompliance: ratio(t.scanned, movements),
    overrides: t.overrides,
    directedTasks: tasks,
    overrideFrequency: ratio(t.overrides, tasks),
    directedTasksByKind: { ...t.directedTasks },
  };
}
