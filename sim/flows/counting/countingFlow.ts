import type { World } from '../../engine/world.ts';
import type { Worker } from '../../engine/entities.ts';
import type { Job, Step } from '../../engine/job.ts';
import { dispatch } from '../../engine/workerFlow.ts';
import { cycleCountEvents as CE } from '../../machines/cycleCountMachine.ts';
import { sampler } from '../../random/distribution.ts';
import { parseClock } from '../../engine/shiftCalendar.ts';
import { itemOfSku } from '../replenishment/faceStock.ts';
import { binSignature, storageBins, totalsAt, splitKey } from './binStock.ts';
import { CountTimer, chooseBin, planDay, startSchedule } from './countSchedule.ts';
import { counting, countingState, type CountDoc } from './countingState.ts';
import { countingKpis } from './countingKpis.ts';
import { countingView } from './countingView.ts';
import { miscount } from './miscount.ts';
import { actorOf } from '../../engine/actor.ts';
import { directedTaskDone } from '../../kpi/scanCompliance.ts';
import { DecisionKind, requestDecision } from '../supervision/supervisorDesk.ts';
import type { Actor } from '../../journal/journalEvent.ts';
import {
  approveAdjustment,
  stepCount,
  countTable,
  openCount,
  rejectAdjustment,
  ROOT_CAUSE,
  submitCounted,
  type CountOutcome,
} from './countDecision.ts';

export { countCode, countTable } from './countDecision.ts';

/**
 * Cycle counting, basic lifecycle: count requests released over the day, blind counts of the
 * physical ledger by counters, a tolerance check against the system ledger at submission, and
 * posting. A count whose bin's system stock changed while it was being counted is voided and
 * the bin rescheduled. Out of tolerance goes to a recount by another counter, then review.
 */
export const countingFlow = counting.flow({
  start(w) {
    if (w.scenario.counting) startSchedule(w);
  },
  events: {
    countTimer: (w, a, b) => {
      if (a === CountTimer.planDay) planDay(w, b);
      else if (a === CountTimer.wallToWall) {
        const busy = new Set(Object.values(countingState(w).open).map((d) => d.bin));
        for (const b of storageBins(w)) if (!busy.has(b)) releaseCount(w, b, 'wall-to-wall');
        dispatch(w);
      } else if (a === CountTimer.sweep) {
        if (
          !Object.values(countingState(w).open).some((d) => d.bin === b) &&
          releaseCount(w, b, 'sweep') >= 0
        )
          dispatch(w);
      } else if (releaseCount(w, chooseBin(w)) >= 0) dispatch(w);
    },
  },
  sources: [
    { role: 'counter', priority: 0, next: nextCountJob },
    { role: 'controller', priority: 0, next: nextReviewJob },
  ],
  actions: {
    countAtBin: startCount,
    countSubmit: submitCount,
    countReview: (w, worker, _job, st) => {
      const doc = countingState(w).open[st.arg];
      if (doc) decideReview(w, doc, worker);
    },
  },
  countTrigger: (w, bin, reason) => requestCount(w, bin, reason),
  jobDone: {
    count: (w, _worker, job) => {
      countingState(w).counterMs += w.now - job.started;
    },
  },
  kpis: (w) => (w.scenario.counting ? countingKpis(w) : null),
  view: countingView,
});

/** Creates a count request for a bin (scheduled, waiting for a counter); returns its id or -1. */
export function releaseCount(w: World, bin: number, reason = 'schedule', front = false): number {
  if (bin < 0) return -1;
  const s = countingState(w);
  const { id } = openCount(w, bin, reason);
  if (front) s.queue.unshift(id);
  else s.queue.push(id);
  return id;
}

/**
 * A count raised by an event on the floor (short pick, zero stock, a move that found less):
 * it jumps the queue, unless the bin already has an open count.
 */
export function requestCount(w: World, bin: number, reason: string): void {
  const c = w.scenario.counting;
  if (!c || bin < 0) return;
  const on =
    reason === 'short-pick'
      ? c.triggers.shortPick
      : reason === 'zero-stock'
        ? c.triggers.zeroStock
        : c.triggers.shortfall;
  if (!on) return;
  // Docks, staging and equipment are not count locations: their stock is in motion.
  if (!w.site.pickable(w.site.layout!.bins[bin]!.code)) return;
  const s = countingState(w);
  if (Object.values(s.open).some((d) => d.bin === bin)) return;
  s.triggered[reason] = (s.triggered[reason] ?? 0) + 1;
  releaseCount(w, bin, reason, true);
  dispatch(w);
}

function nextCountJob(w: World, worker: Worker): Job | null {
  if (!w.scenario.counting) return null;
  const s = countingState(w);
  let id: number | undefined;
  // Recounts first, never by the first counter.
  const r = s.recountQueue.findIndex((x) => s.open[x]!.firstCounter !== worker.index);
  if (r >= 0) id = s.recountQueue.splice(r, 1)[0];
  else {
    const q = s.queue.findIndex((x) => !avoided(w, s.open[x]!.bin));
    if (q >= 0) id = s.queue.splice(q, 1)[0];
  }
  if (id === undefined) return null;
  const doc = s.open[id]!;
  stepCount(w, doc, CE.assigned);
  doc.counter = worker.index;
  if (doc.firstCounter < 0) doc.firstCounter = worker.index;
  const at = w.site.binPoint(doc.bin);
  return {
    id: ++w.counters.job,
    kind: 'count',
    steps: [
      { action: counting.act.countAtBin, arg: id, x: at.x, y: at.y, legM: -1, workMs: 0, workAs: 'count' },
    ],
    cursor: 0,
    started: w.now,
    resources: [],
    ref: id,
    orders: [],
  };
}

/** At the bin: counting starts; its duration follows what is physically there. */
function startCount(w: World, _worker: Worker, job: Job, st: Step): void {
  const doc = countingState(w).open[st.arg]!;
  beginCount(w, doc);
  job.steps.push(countingStep(w, doc, st));
}

/** The bin label is scanned: the chart counts (or recounts), the bin's system stock is noted. */
export function beginCount(w: World, doc: CountDoc): void {
  stepCount(w, doc, CE.started);
  doc.started = w.now;
  doc.startSignature = binSignature(w.system, w.site.layout!.bins[doc.bin]!.code);
}

/** The simulated counting of the bin at `at`: a submit step lasting what the floor holds takes to count. */
export function countingStep(w: World, doc: CountDoc, at: { x: number; y: number }): Step {
  const bin = w.site.layout!.bins[doc.bin]!.code;
  const c = w.scenario.counting!.countTime;
  const rng = w.random.stream('counting-time');
  let sec = sampler(c.perBin)(rng);
  const perRecord = sampler(c.perRecord);
  const perUnit = sampler(c.perUnit);
  for (const [key, qty] of totalsAt(w.physical, bin)) {
    sec += perRecord(rng);
    const item = itemOfSku(w, splitKey(key).sku);
    const cs = item >= 0 ? (w.site.items[item]!.uoms.find((u) => u.uom === 'CS')?.factor ?? 1) : 1;
    // Full cases are counted as one handling unit each, loose eaches one by one.
    sec += perUnit(rng) * (Math.floor(qty / cs) + (qty % cs));
  }
  return {
    action: counting.act.countSubmit,
    arg: doc.id,
    x: at.x,
    y: at.y,
    legM: 0,
    workMs: Math.round(sec * 1000),
    workAs: 'count',
  };
}

/** The counter submits the blind count; the system voids, posts, or asks for a recount or a review. */
function submitCount(w: World, worker: Worker, _job: Job, st: Step): void {
  const s = countingState(w);
  const doc = s.open[st.arg]!;
  const binCode = w.site.layout!.bins[doc.bin]!.code;
  // Blind: the counter looks at the floor (the physical ledger, never the system's), and people miscount.
  const counted = totalsAt(w.physical, binCode);
  const errors = new Map<string, number>();
  miscount(w, counted, errors);
  bookCount(w, doc, worker, counted, errors);
}

/**
 * Books a submitted count, whoever counted it (a simulated counter or a person on a handheld):
 * the lines counted, the lines reported wrong (`errors`: reported − on the floor, by key) and
 * who got them wrong, the directed task, then what follows the count.
 */
export function bookCount(
  w: World,
  doc: CountDoc,
  worker: Worker,
  counted: Map<string, number>,
  errors: Map<string, number>,
): void {
  const s = countingState(w);
  s.linesCounted += counted.size;
  doc.miscounts = errors.size;
  if (errors.size > 0) {
    doc.miscountErrors = Object.fromEntries(errors);
    doc.miscountBy = worker.index;
  } else {
    delete doc.miscountErrors;
    delete doc.miscountBy;
  }
  s.miscounts += doc.miscounts;
  directedTaskDone(w.kpi.scan, 'count');
  settleCount(w, doc, submitCounted(w, doc, counted, actorOf(worker)));
}

/**
 * What follows a submitted count, whoever counted it (a simulated counter or a person on a
 * handheld): a voided count is rescheduled, an out-of-tolerance first count queued for a
 * recount, a recount still out reviewed (or posted at once when no signature is needed).
 */
export function settleCount(w: World, doc: CountDoc, outcome: CountOutcome): void {
  const s = countingState(w);
  if (outcome === 'voided') {
    if (releaseCount(w, doc.bin, doc.reason) >= 0) s.rescheduled++;
  } else if (outcome === 'recount') s.recountQueue.push(doc.id);
  else if (outcome === 'review') {
    // A small variance the recount confirms needs no signature (the chart's approvalNeeded
    // failed: `confirmed`): the approval-limit rule posts it now, with nobody to refuse it.
    if (doc.state === countTable().state('"confirmed"')) {
      approveAdjustment(w, doc, { worker: 'system', role: 'supervisor' }, 'UNREVIEWED');
    } else {
      s.reviewQueue.push(doc.id);
      // Without an inventory controller on the roster a supervisor decides at the desk, in turn.
      if (!w.workers.some((x) => x.role === 'controller')) {
        const sec = sampler(w.scenario.counting!.review.supervisorTime)(
          w.random.stream('counting-review-time'),
        );
        requestDecision(w, DecisionKind.countAdjustment, doc.id, sec * 1000);
      }
    }
  } else return;
  dispatch(w);
}

/**
 * The inventory controller's review of a count still out after the recount: two blind counts
 * that agree confirm the floor, so the adjustment is approved with the root cause the
 * investigation finds (right with the scenario's accuracy, else UNKNOWN); counts that disagree
 * prove nothing, so the adjustment is rejected and a fresh count is raised.
 */
export function decideReview(w: World, doc: CountDoc, controller: Worker | null): void {
  const binCode = w.site.layout!.bins[doc.bin]!.code;
  // Judge the two blind counts against each other, as taken: not against the shelf as it is now,
  // which picks and replenishments have changed since.
  const counted = doc.lastCounts ?? {};
  const keys = new Set([
    ...Object.keys(counted),
    ...Object.keys(doc.lastSystem ?? {}),
    ...Object.keys(doc.firstCounts),
  ]);
  const agree = [...keys].every((k) => (doc.firstCounts[k] ?? 0) === (counted[k] ?? 0));
  // The controller decides at a terminal (keyed); a supervisor (not modelled as a person with a
  // handheld) decides at the desk without investigating, approving the scenario's share.
  const actor: Actor = controller ? actorOf(controller, 'keyed') : { worker: 'system', role: 'supervisor' };
  const review = w.scenario.counting!.review;
  const refused = !controller && w.random.stream('counting-review')() >= review.supervisorApproveShare;
  if (!agree || refused) {
    rejectAdjustment(w, doc, actor, agree ? 'supervisor rejected' : 'counts disagree');
    releaseCount(w, doc.bin, 'recount-of-rejected', true);
    return;
  }
  const accuracy = review.investigationAccuracy;
  const rng = w.random.stream('counting-review');
  let cause = 'UNKNOWN';
  if (controller === null) cause = 'UNREVIEWED';
  else if (rng() < accuracy) {
    // The latest exception that touched the bin, kept per bin (the truth log in memory is a window).
    const made = w.truthTally.lastCauseByBin[binCode];
    if (made !== undefined) cause = ROOT_CAUSE[made] ?? 'UNKNOWN';
  }
  approveAdjustment(w, doc, actor, cause);
}

/** A supervisor decided a count adjustment no controller reviewed (the chart waits in `review` until then). */
export function decideCountAdjustment(w: World, id: number): void {
  const doc = countingState(w).open[id];
  if (!doc || doc.state !== countTable().state('"review"')) {
    throw new Error(`count ${id}: supervisor decided an adjustment that is not in review`);
  }
  decideReview(w, doc, null);
}

/** Controllers take reviews, oldest first, and look at the bin themselves. */
function nextReviewJob(w: World, _worker: Worker): Job | null {
  const s = countingState(w);
  const id = s.reviewQueue.shift();
  if (id === undefined) return null;
  const doc = s.open[id]!;
  const at = w.site.binPoint(doc.bin);
  const sec = sampler(w.scenario.counting!.review.time)(w.random.stream('counting-review-time'));
  return {
    id: ++w.counters.job,
    kind: 'review',
    steps: [
      {
        action: counting.act.countReview,
        arg: id,
        x: at.x,
        y: at.y,
        legM: -1,
        workMs: Math.round(sec * 1000),
        workAs: 'review',
      },
    ],
    cursor: 0,
    started: w.now,
    resources: [],
    ref: id,
    orders: [],
  };
}

/** Is a bin in a zone the scenario keeps counters out of at this hour (a busy pick zone at peak)? */
function avoided(w: World, bin: number): boolean {
  const rules = w.scenario.counting?.avoid ?? [];
  if (rules.length === 0) return false;
  const zone = w.site.layout!.bins[bin]!.zone;
  const minute = Math.floor((w.now % 86_400_000) / 60_000);
  return rules.some((r) => {
    if (!r.zones.includes(zone)) return false;
    const from = parseClock(r.from);
    const to = parseClock(r.to);
    return from <= to ? minute >= from && minute < to : minute >= from || minute < to;
  });
}
