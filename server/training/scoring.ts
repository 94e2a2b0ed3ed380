import type { JournalEvent, TruthEvent } from '../../sim/index.ts';
import type { Exercise } from './exerciseSchema.ts';
import { TASK_DONE_EVENTS } from './exerciseSchema.ts';
import type { TrainerLogRecord } from './trainerLog.ts';
import type { HandheldAction, Trainee } from './trainingTypes.ts';
import type { TrainingScoreRow } from '../../sim/view/protocol.ts';

// Scoring of one trainee (issue 14): pure, from the session's records only — the journal, the
// truth log, the handheld actions and the trainer log — so a debrief re-scores a saved session
// exactly as the live scoreboard did.

/** Everything a score is computed from. */
export interface ScoreInput {
  exercise: Exercise;
  trainee: Trainee;
  journal: readonly JournalEvent[];
  truth: readonly TruthEvent[];
  actions: readonly HandheldAction[];
  trainerLog: readonly TrainerLogRecord[];
  /** Sim ms the exercise started at: tasks before it are not the trainee's. */
  startSimMs: number;
}

/**
 * Handheld exits that declare an injected cause when the exercise names none (`catchExits`):
 * only exits the handheld really offers (the task charts' meta `exits` the person driver takes,
 * `DRIVER_EXITS`). A picker declares a face that does not hold the task's lot (or item, or
 * enough of it) with `short`; the receiving handheld offers no exit, so a receipt's injection is
 * caught by keying the counted quantity and never by an exit.
 */
export const DEFAULT_CATCH_EXITS: Readonly<Record<string, readonly string[]>> = {
  wrongLot: ['short'],
  emergencyReservePick: ['short'],
  substitution: ['short'],
};

/**
 * Declarations that are not exits: the receiving handheld has none, and a receiver catches a
 * short (over) load by keying the count, which posts the line as a discrepancy.
 */
const CATCH_POSTINGS: Readonly<Record<string, string>> = {
  shortReceipt: 'discrepancy:short',
  overReceipt: 'discrepancy:over',
};

/** An error kind, from a refused entry (by its expected input) or a mistake in the truth log. */
export type ErrorKind = 'bin' | 'item' | 'lot' | 'quantity';

const REFUSED_KIND: Partial<Record<HandheldAction['input'], ErrorKind>> = {
  binLabel: 'bin',
  gs1Item: 'item',
  lot: 'lot',
  quantity: 'quantity',
};

const TRUTH_KIND: Readonly<Record<string, ErrorKind>> = {
  wrongLot: 'lot',
  uomError: 'quantity',
  shortReceipt: 'quantity',
  overReceipt: 'quantity',
  misPutaway: 'bin',
  damagedLeftAvailable: 'item',
  emergencyReservePick: 'quantity',
  substitution: 'item',
  unscannedMove: 'bin',
  miscount: 'quantity',
};

/** What happened to one injection into the trainee's work (when declared or posted: `atMs`). */
export type InjectionOutcome = TrainingScoreRow['injections'][number];

/**
 * One trainee's score and everything it is made of: the scoreboard row the console is sent
 * (sim/view/trainingScoresMessage.ts), with its keys narrowed to what scoring produces, so the
 * pushed row and the computed score cannot drift apart.
 */
export interface TraineeScore extends TrainingScoreRow {
  errors: Record<ErrorKind, number>;
  injections: InjectionOutcome[];
  /** Each part 0–1. */
  parts: Record<keyof Exercise['scoring']['weights'], number>;
}

const MACHINE_OF = new Map<string, string>(
  Object.entries(TASK_DONE_EVENTS).flatMap(([m, ts]) => ts.map((t) => [t, m] as const)),
);

/**
 * The sim time the trainee stopped driving their worker: the hand-back, or earlier when a rewind
 * made after the hand-back went back before it (a handed-back worker is not given back, so the
 * simulation drove it from the rewind point on). Never, while they still drive.
 */
export function drivingEndMs(trainee: Trainee, trainerLog: readonly TrainerLogRecord[]): number {
  if (trainee.handedBackSimMs === undefined) return Number.POSITIVE_INFINITY;
  let end = trainee.handedBackSimMs;
  for (const r of trainerLog)
    if (r.kind === 'rewind' && r.wallIso > (trainee.handedBackAt ?? '')) end = Math.min(end, r.toSimMs);
  return end;
}

/** Scores one trainee from a session's records. */
export function scoreTrainee(scored: ScoreInput): TraineeScore {
  const { exercise: x, trainee, startSimMs } = scored;
  const me = trainee.workerCode;
  // Only while they drove: after the hand-back the worker's journal, truth, and the injections
  // armed for it are the simulation's (what the hand-back instant itself holds is still theirs,
  // as a rewind point's instant is).
  const end = drivingEndMs(trainee, scored.trainerLog);
  const input: ScoreInput = {
    ...scored,
    journal: scored.journal.filter((e) => e.actor?.worker !== me || e.t <= end),
    truth: scored.truth.filter((t) => t.worker !== me || t.t <= end),
    actions: scored.actions.filter((a) => a.workerCode !== me || a.simMs <= end),
    trainerLog: scored.trainerLog.filter((r) => r.kind !== 'inject' || r.workerCode !== me || r.simMs < end),
  };
  const actions = input.actions.filter((a) => a.workerCode === me);
  const firstAction = new Map<string, number>();
  for (const a of actions) if (!firstAction.has(a.taskId)) firstAction.set(a.taskId, a.simMs);

  // Tasks and their times: from the first handheld entry on the task, else the previous task's end.
  const perMachine: TraineeScore['perMachine'] = {};
  const sums = new Map<string, { n: number; ms: number }>();
  let tasksDone = 0;
  let lastEnd = startSimMs;
  let overridden = 0;
  const countsSeen = new Set<string>();
  for (const e of input.journal) {
    if (e.actor?.worker !== me || e.t < startSimMs) continue;
    if (e.actor.method === 'override') overridden++;
    const m = MACHINE_OF.get(e.type);
    if (m === undefined) continue;
    const task = e.docs?.task ?? e.docs?.receipt ?? e.docs?.count;
    // A count posts one event per SKU/lot line of the bin: the count is one task.
    if (m === 'cycleCount') {
      if (countsSeen.has(task ?? '')) continue;
      countsSeen.add(task ?? '');
    }
    const begun = task !== undefined ? firstAction.get(task) : undefined;
    const ms = Math.max(0, e.t - (begun !== undefined && begun <= e.t ? begun : lastEnd));
    lastEnd = e.t;
    tasksDone++;
    const s = sums.get(m) ?? { n: 0, ms: 0 };
    s.n++;
    s.ms += ms;
    sums.set(m, s);
  }
  let stdMs = 0;
  let actualMs = 0;
  for (const [m, s] of sums) {
    const standardMinutes = x.standards[m] ?? 0;
    perMachine[m] = { tasks: s.n, meanMinutes: s.ms / s.n / 60_000, standardMinutes };
    stdMs += standardMinutes * 60_000 * s.n;
    actualMs += s.ms;
  }

  // Scan compliance: entries the chart expected a scan for, by how they were made.
  let scanned = 0;
  let keyed = 0;
  let refused = 0;
  const errors: Record<ErrorKind, number> = { bin: 0, item: 0, lot: 0, quantity: 0 };
  for (const a of actions) {
    if (a.outcome === 'refused') {
      refused++;
      // The handheld's reason names the mistake ("wrong lot: …" may come from an item scan
      // carrying the batch); otherwise the expected input does.
      const named = /^wrong (bin|item|lot)\b/.exec(a.reason ?? '')?.[1] as ErrorKind | undefined;
      const k = named ?? REFUSED_KIND[a.input];
      if (k) errors[k]++;
      continue;
    }
    if (a.input === 'binLabel' || a.input === 'gs1Item' || a.input === 'lot') {
      if (a.via === 'keyed') keyed++;
      else scanned++;
    }
  }

  const injections = matchInjections(input, actions);
  const missedTruth = new Set(injections.flatMap((i) => (i.truthId ? [i.truthId] : [])));
  const setUps = new Set(injections.flatMap((i) => (i.setUpId ? [i.setUpId] : [])));
  // Their own mistakes in the truth log (not the injections they let through: those are "missed";
  // not the trainer's set-up of an injection: that is the floor, not the trainee).
  const mine = input.truth.filter((t) => t.worker === me && t.t >= startSimMs && !setUps.has(t.id));
  for (const t of mine) {
    const k = TRUTH_KIND[t.cause];
    if (k && !missedTruth.has(t.id)) errors[k]++;
  }
  const gap = gapOf(input.truth, mine);
  const hints = input.trainerLog.filter(
    (r) => r.kind === 'message' && r.by === 'trainer' && r.traineeId === trainee.id,
  ).length;

  const caught = injections.filter((i) => i.result === 'caught').length;
  const missed = injections.filter((i) => i.result === 'missed').length;
  const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);
  const scanTotal = scanned + keyed + overridden;
  // Without a finished task there is no work to judge: pace, scans and accuracy earn nothing.
  const worked = tasksDone > 0;
  const parts: TraineeScore['parts'] = {
    throughput: Math.min(1, tasksDone / x.targetTasks),
    pace: !worked ? 0 : actualMs === 0 ? 1 : Math.min(1, stdMs / actualMs),
    scanCompliance: !worked ? 0 : scanTotal === 0 ? 1 : scanned / scanTotal,
    accuracy: !worked ? 0 : Math.max(0, 1 - errorCount / tasksDone),
    exceptions: caught + missed === 0 ? 1 : caught / (caught + missed),
    ledger: Math.max(0, 1 - gap.abs / x.gapTolerance),
  };
  const w = x.scoring.weights;
  const keys = Object.keys(parts) as (keyof typeof parts)[];
  const weighted = keys.reduce((a, k) => a + w[k] * parts[k], 0) / keys.reduce((a, k) => a + w[k], 0);
  const p = x.scoring.penalties;
  const score = Math.max(
    0,
    Math.round((100 * weighted - p.perHint * hints - p.perRefused * refused) * 10) / 10,
  );
  return {
    traineeId: trainee.id,
    workerCode: me,
    tasksDone,
    perMachine,
    scans: { scanned, keyed, overridden },
    errors,
    refused,
    hints,
    injections: injections.map(({ truthId: _t, setUpId: _s, ...o }) => o),
    gap,
    parts,
    score,
    pass: score >= x.scoring.passMark,
  };
}

/**
 * Each injection into the trainee's worker, in order, is caught by the first later declaring
 * exit, or missed by the first later truth event of its cause by them, whichever came first
 * (a declaration at the same instant counts as caught).
 */
function matchInjections(
  input: ScoreInput,
  actions: readonly HandheldAction[],
): (InjectionOutcome & { truthId?: string; setUpId?: string })[] {
  const me = input.trainee.workerCode;
  const usedTruth = new Set<string>();
  const usedAction = new Set<number>();
  const usedPosting = new Set<number>();
  const out: (InjectionOutcome & { truthId?: string; setUpId?: string })[] = [];
  for (const r of input.trainerLog) {
    if (r.kind !== 'inject' || !r.ok || r.workerCode !== me) continue;
    const exits = input.exercise.catchExits[r.cause] ?? DEFAULT_CATCH_EXITS[r.cause] ?? [];
    // Missed = posted as if fine: the truth event that rides a system transaction (`ref`). The
    // injection's own physical set-up (a face swapped to another lot on arrival) posts nothing.
    const t = input.truth.find(
      (e) =>
        e.worker === me &&
        e.cause === r.cause &&
        e.t >= r.simMs &&
        e.ref !== undefined &&
        !usedTruth.has(e.id),
    );
    const ai = actions.findIndex(
      (a, i) =>
        !usedAction.has(i) &&
        a.input === 'exit' &&
        a.outcome === 'accepted' &&
        a.simMs >= r.simMs &&
        exits.includes(a.exit ?? ''),
    );
    const posting = CATCH_POSTINGS[r.cause];
    const pi =
      posting === undefined
        ? -1
        : input.journal.findIndex(
            (e, i) =>
              !usedPosting.has(i) &&
              e.actor?.worker === me &&
              e.type === 'receipt.lineReceived' &&
              e.t >= r.simMs &&
              (e.reason ?? '').startsWith(posting),
          );
    const declared = ai >= 0 ? actions[ai] : undefined;
    const posted = pi >= 0 ? input.journal[pi] : undefined;
    const a =
      declared && (!posted || declared.simMs <= posted.t)
        ? { simMs: declared.simMs, use: () => usedAction.add(ai) }
        : posted
          ? { simMs: posted.t, use: () => usedPosting.add(pi) }
          : undefined;
    const setUp = input.truth.find(
      (e) =>
        e.worker === me &&
        e.cause === r.cause &&
        e.t >= r.simMs &&
        e.ref === undefined &&
        !usedTruth.has(e.id),
    );
    if (setUp) usedTruth.add(setUp.id);
    const s = setUp ? { setUpId: setUp.id } : {};
    if (a && (!t || a.simMs <= t.t)) {
      a.use();
      out.push({ cause: r.cause, simMs: r.simMs, result: 'caught', atMs: a.simMs, ...s });
    } else if (t) {
      usedTruth.add(t.id);
      out.push({ cause: r.cause, simMs: r.simMs, result: 'missed', atMs: t.t, truthId: t.id, ...s });
    } else out.push({ cause: r.cause, simMs: r.simMs, result: 'pending', ...s });
  }
  return out;
}

/** The gap the trainee's truth events opened, with the later consequences that trace back to them. */
function gapOf(all: readonly TruthEvent[], mine: readonly TruthEvent[]): { net: number; abs: number } {
  const ids = new Set(mine.map((t) => t.id));
  let net = 0;
  let abs = 0;
  for (const t of all) {
    if (!ids.has(t.id) && !(t.cause === 'consequence' && t.of !== undefined && ids.has(t.of))) continue;
    for (const d of t.delta) {
      net += d.delta;
      abs += Math.abs(d.delta);
    }
  }
  return { net, abs };
}
