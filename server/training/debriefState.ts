import { existsSync, readFileSync } from 'node:fs';
import { createEngine, restoreEngine, scenarioSchema, type Engine, type Scenario } from '../../sim/index.ts';
import type { ViewState } from '../../sim/viewApi.ts';
import { readCheckpointFile } from '../live/checkpointFile.ts';
import { runFiles } from '../live/dataDir.ts';
import { readInputs } from '../live/inputLog.ts';
import { listRewindPoints } from '../live/rewindPoints.ts';
import { startStateFile } from '../live/liveRun.ts';

// The floor at a scrubbed moment of a recorded session (issue 14 debrief). Rebuilt, not stored:
// the newest rewind point at or before t (a full snapshot, at most one interval — 5 sim minutes
// by default — before t), or the scenario's start when there is none, then the run's input log
// replayed up to t. The engine is deterministic and every input that changes a live run is in
// that log with its sim time, so the rebuilt state is the live state at t, exactly (tested
// against a live run); replaying at most one interval keeps a scrub to a fraction of a second.

/** A run rebuilt at sim time t, and where the rebuild started from. */
export interface DebriefState {
  engine: Engine;
  scenario: Scenario;
  seed: string;
  /** The rewind point restored (sim ms), or null when the replay started at the scenario's start. */
  from: number | null;
  /** Inputs replayed after the starting point. */
  replayed: number;
}

/** A run folder cannot be rebuilt (no checkpoint, feed transactions, a time past its end). */
export class DebriefError extends Error {
  override readonly name = 'DebriefError';
}

/**
 * The run in `runDir` as it was at sim time `t`: every event at or before t and every input
 * applied at or before t. Refused past `reached`, the sim time the run got to (the live run's
 * clock; a closed run's last checkpoint by default): its future is not recorded. Between the
 * last checkpoint and a live run's clock the replay is still exact: every input is checkpointed
 * as it is applied, so nothing but the deterministic engine ran there.
 */
export function debriefStateAt(runDir: string, t: number, reached?: number): DebriefState {
  const files = runFiles(runDir);
  if (!existsSync(files.checkpoint) || !existsSync(files.scenario))
    throw new DebriefError(`run folder ${runDir} has no checkpoint or scenario copy`);
  const head = readCheckpointFile(files.checkpoint);
  const end = reached ?? head.simTime;
  if (t > end) throw new DebriefError(`sim ${t} ms is after the run's clock (sim ${end} ms)`);
  if (head.inputs === undefined)
    throw new DebriefError('this run predates the input log: its moments cannot be rebuilt exactly');
  const scenario = scenarioSchema.parse(JSON.parse(readFileSync(files.scenario, 'utf8')));
  const sinks = { journal: () => undefined, truth: () => undefined };
  const point = listRewindPoints(runDir)
    .filter((p) => p.simMs <= t)
    .at(-1);
  let engine: Engine;
  let k = 0;
  // A run started from a saved state (an exercise's start snapshot) has no moment before it.
  const start = existsSync(startStateFile(runDir)) ? readCheckpointFile(startStateFile(runDir)) : null;
  if (start && t < start.simTime)
    throw new DebriefError(`sim ${t} ms is before the run's saved start state (sim ${start.simTime} ms)`);
  if (point) {
    const cp = readCheckpointFile(point.file);
    if (cp.inputs === undefined) throw new DebriefError(`rewind point ${point.file} has no input count`);
    engine = restoreEngine(scenario, cp.engine, sinks);
    k = cp.inputs;
  } else if (start) engine = restoreEngine(scenario, start.engine, sinks);
  else engine = createEngine(scenario, { seed: head.seed, ...sinks });
  // Feed entries are not in the input log (the feed log holds them): such a run is not rebuilt.
  if (engine.feedEntriesApplied() > 0)
    throw new DebriefError('this run took feed transactions; its moments are not rebuilt');
  const inputs = readInputs(runDir);
  let replayed = 0;
  for (let i = k; i < inputs.length; i++) {
    const x = inputs[i]!;
    if (x.t > t) break;
    if (x.t > engine.now()) engine.runUntil(x.t);
    engine.apply(x.cmd);
    replayed++;
  }
  if (t > engine.now()) engine.runUntil(t);
  if (engine.feedEntriesApplied() > 0)
    throw new DebriefError('this run took feed transactions; its moments are not rebuilt');
  return { engine, scenario, seed: head.seed, from: point?.simMs ?? null, replayed };
}

/** A bin whose two ledgers differ at the moment: system and physical quantity on hand. */
export interface LedgerDifference {
  bin: string;
  system: number;
  physical: number;
}

/** The bins of a view whose system and physical quantities differ, in bin order. */
export function ledgerDifferences(view: ViewState): LedgerDifference[] {
  const b = view.bins;
  const out: LedgerDifference[] = [];
  for (let i = 0; i < b.code.length; i++)
    if (b.systemQty[i] !== b.physicalQty[i])
      out.push({ bin: b.code[i]!, system: b.systemQty[i]!, physical: b.physicalQty[i]! });
  return out;
}

/** A view as JSON can carry it: typed columns as plain arrays (the client's binTableFromWire reads both). */
export function viewToJson(view: ViewState): unknown {
  const b = view.bins;
  return {
    ...view,
    bins: {
      ...b,
      index: Array.from(b.index),
      x: Array.from(b.x),
      y: Array.from(b.y),
      zone: Array.from(b.zone),
      type: Array.from(b.type),
      status: Array.from(b.status),
      fill: Array.from(b.fill),
      systemQty: Array.from(b.systemQty),
      physicalQty: Array.from(b.physicalQty),
    },
  };
}
