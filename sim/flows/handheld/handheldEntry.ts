import type { World } from '../../engine/world.ts';
import { handheld } from './handheldState.ts';
import { DRIVER_EXITS, expectedInput, waitStep } from './handheldScreen.ts';
import { pickEntry, pickShort } from './pickByPerson.ts';
import { receiveEntry } from './receiveByPerson.ts';
import { putawayEntry, putawayOverride } from './putawayByPerson.ts';
import { replenEntry, replenShort } from './replenishByPerson.ts';
import { countEntry, countSubmit } from './countByPerson.ts';
import { releaseToSimulation } from './releaseWorker.ts';
import { adoptSimulatedOverride } from './stockTaskScreens.ts';
import type { EntryOutcome, HandheldEntry } from './entryTypes.ts';

/** Roles the handheld drives (a worker of another role cannot be switched to a person). */
export const DRIVEN_ROLES: readonly string[] = ['picker', 'receiver', 'putaway', 'replenisher', 'counter'];

/**
 * Switches a worker to being driven by a person, or hands them back to the simulation, which
 * finishes (or redoes) the step the person was at (releaseWorker.ts) and goes on from there.
 */
export function driveWorker(
  w: World,
  code: string,
  person: boolean,
): { ok: true } | { ok: false; reason: string } {
  const worker = w.workers.find((x) => x.code === code);
  if (!worker) return { ok: false, reason: `no worker ${code}` };
  if (person) {
    if (!DRIVEN_ROLES.includes(worker.role))
      return {
        ok: false,
        reason: `${code} is a ${worker.role}: the handheld drives ${DRIVEN_ROLES.join(', ')}`,
      };
    worker.driver = 'person';
    adoptSimulatedOverride(w, worker);
    return { ok: true };
  }
  if (worker.driver !== 'person') return { ok: true };
  delete worker.driver;
  releaseToSimulation(w, worker);
  return { ok: true };
}

/**
 * Takes one handheld entry of a person-driven worker: checked against the chart state's meta
 * (the expected input, or an exit it offers), then against the task (bin, item, lot, quantity),
 * stepping the chart when accepted. Nothing changes when an entry is refused.
 */
export function takeEntry(w: World, e: HandheldEntry): EntryOutcome {
  const worker = w.workers.find((x) => x.code === e.worker);
  if (!worker) return { ok: false, reason: `no worker ${e.worker}` };
  if (worker.driver !== 'person') return { ok: false, reason: `${e.worker} is not driven from a handheld` };
  const wait = handheld.peek(w)?.waits[e.worker];
  if (!wait)
    return {
      ok: false,
      reason: 'nothing to enter now: the task is travelling, being worked or waiting for a decision',
    };
  const step = waitStep(w, wait);
  const where = `${step.machine}.${step.state} ("${step.meta.prompt}")`;
  if (e.input === 'exit') {
    const offered = step.meta.exits.filter((x) => DRIVER_EXITS[wait.kind].includes(x));
    if (e.exit === undefined || !offered.includes(e.exit as (typeof offered)[number]))
      return {
        ok: false,
        reason: `${where} offers ${offered.length ? offered.join(', ') : 'no exits'}, not ${e.exit ?? 'none'}`,
      };
    // Only an exit whose meta takes a scan reads one (an override's bin); others take none.
    if (
      step.meta.exitInputs?.[e.exit as keyof typeof step.meta.exitInputs] === undefined &&
      e.raw.trim() !== ''
    )
      return { ok: false, reason: `${e.exit} takes no scan` };
    if (wait.kind === 'putaway') return putawayOverride(w, worker, wait, e.raw, e.reason);
    if (wait.kind === 'replenish') return replenShort(w, worker, wait);
    return pickShort(w, worker, wait);
  }
  const expected = expectedInput(wait, step.meta);
  // A count takes items until the person says it is complete (the chart's count.submitted).
  if (wait.kind === 'count' && e.input === 'confirm' && wait.taken === 0 && step.meta.input === 'gs1Item')
    return countSubmit(w, worker, wait);
  if (e.input !== expected) return { ok: false, reason: `${where} expects ${expected}, got ${e.input}` };
  if (wait.kind === 'replenish') return replenEntry(w, worker, wait, expected, e.raw);
  if (expected === 'confirm') return { ok: false, reason: `${where} takes no entry` };
  if (wait.kind === 'pick') return pickEntry(w, worker, wait, expected, e.raw);
  if (wait.kind === 'putaway') return putawayEntry(w, worker, wait, expected, e.raw);
  if (wait.kind === 'count') return countEntry(w, wait, expected, e.raw);
  if (expected === 'binLabel') return { ok: false, reason: `${where}: the door is scanned at check-in` };
  return receiveEntry(w, worker, wait, expected, e.raw);
}
