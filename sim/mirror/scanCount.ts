import type { World } from '../engine/world.ts';
import { cycleCountEvents as CE } from '../machines/cycleCountMachine.ts';
import { splitKey, stockKey } from '../flows/counting/binStock.ts';
import { countingState, type CountDoc } from '../flows/counting/countingState.ts';
import {
  approveAdjustment,
  countCode,
  countStep,
  countTable,
  openCount,
  rejectAdjustment,
  ROOT_CAUSE,
  submitCounted,
  type Actor,
  type CountOutcome,
} from '../flows/counting/countDecision.ts';

/** What a scanned count came to, for the device. */
export interface ScanCountResult {
  count: string;
  outcome: CountOutcome;
  eventIds: string[];
}

/**
 * A count scanned at a bin (one SKU/lot, blind) goes through the same count control as a
 * simulated count: the cycle-count statechart and the counting flow's tolerance rules
 * (`submitCounted`). A recount pending for that bin and item is taken first (by any user: the
 * device cannot prove who holds it), else a count the schedule released for the bin, else a new
 * request. `signature` is the bin's system stock when the location was scanned: a movement of
 * the bin since then voids the count, as it does a simulated one.
 */
export function takeScannedCount(
  w: World,
  bin: string,
  sku: string,
  lot: string,
  qty: number,
  signature: string,
  actor: Actor,
): ScanCountResult {
  const index = w.site.binIndex.get(bin)!;
  const key = stockKey(sku, lot);
  const s = countingState(w);
  const m = countTable();
  const pending = m.state('"recountPending"');
  const scheduled = m.state('"scheduled"');
  const open = Object.values(s.open).filter((d) => d.bin === index);
  const doc =
    open.find((d) => d.state === pending && d.external && key in d.firstCounts) ??
    open.find((d) => d.state === scheduled && s.queue.includes(d.id)) ??
    openCount(w, index, 'scan', true);
  s.queue = s.queue.filter((x) => x !== doc.id);
  doc.external = true;
  const before = w.counters.journal;
  countStep(doc, CE.assigned);
  countStep(doc, CE.started);
  doc.started = w.now;
  doc.startSignature = signature;
  const outcome = submitCounted(w, doc, new Map([[key, qty]]), actor, key);
  return { count: countCode(doc.id), outcome, eventIds: journalIdsSince(w, before) };
}

/** Root causes a reviewer may give: the codes simulated reviews use, and UNKNOWN. */
export const REVIEW_ROOT_CAUSES: readonly string[] = [...new Set([...Object.values(ROOT_CAUSE), 'UNKNOWN'])];

/** Scanned counts waiting for a recount or a reviewer's decision, oldest first. */
export function openScanCounts(
  w: World,
): { count: string; bin: string; state: string; since: number; counts: Record<string, number> }[] {
  return Object.values(countingState(w).open)
    .filter((d) => d.external)
    .sort((a, b) => a.id - b.id)
    .map((d) => ({
      count: countCode(d.id),
      bin: w.site.layout!.bins[d.bin]!.code,
      state: stateName(d.state),
      since: d.created,
      // Latest count per item, keyed `sku` or `sku/lot`.
      counts: Object.fromEntries(
        Object.entries({ ...d.firstCounts, ...(d.lastCounts ?? {}) }).map(([k, q]) => {
          const { sku, lot } = splitKey(k);
          return [lot ? `${sku}/${lot}` : sku, q];
        }),
      ),
    }));
}

/** A reviewer's decision on a scanned count in review (from the HTTP route, through the feed). */
export interface CountDecision {
  count: string;
  decision: 'approve' | 'reject';
  rootCause?: string;
  note?: string;
  by: Actor;
}

/**
 * Applies a reviewer's decision to a scanned count in review: approved, the recount is posted
 * with the root cause given (journal: `count.adjustmentApproved` with approver and cause, then
 * `adjustment.posted` carrying it); rejected, the system quantity stands. Refused (with the
 * reason) for an unknown count, one not in review, or an unknown root cause.
 */
export function decideScanCount(
  w: World,
  d: CountDecision,
): { ok: true; eventIds: string[] } | { ok: false; reason: string } {
  const doc: CountDoc | undefined = Object.values(countingState(w).open).find(
    (x) => countCode(x.id) === d.count,
  );
  if (!doc) return { ok: false, reason: `no open count ${d.count}` };
  const m = countTable();
  if (!doc.external) return { ok: false, reason: `${d.count} is a simulated count; its controller decides` };
  if (doc.state !== m.state('"review"'))
    return { ok: false, reason: `${d.count} is ${stateName(doc.state)}, not in review` };
  const cause = d.rootCause ?? 'UNKNOWN';
  if (d.decision === 'approve' && !REVIEW_ROOT_CAUSES.includes(cause))
    return { ok: false, reason: `rootCause must be one of ${REVIEW_ROOT_CAUSES.join(', ')}, got ${cause}` };
  const before = w.counters.journal;
  if (d.decision === 'approve') approveAdjustment(w, doc, d.by, cause);
  else rejectAdjustment(w, doc, d.by, d.note ?? 'rejected by reviewer');
  return { ok: true, eventIds: journalIdsSince(w, before) };
}

/** A count state's name (`review`, `recountPending` …). */
function stateName(n: number): string {
  const v = countTable().values[n];
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Ids of the journal events committed since the journal counter stood at `before`. */
function journalIdsSince(w: World, before: number): string[] {
  const out: string[] = [];
  for (let n = before + 1; n <= w.counters.journal; n++) out.push(`E${n}`);
  return out;
}
