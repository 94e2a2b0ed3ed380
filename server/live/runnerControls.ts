import type { Engine, EngineSnapshot, Scenario } from '../../sim/index.ts';
import type { RunStatus } from '../../sim/viewApi.ts';
import type { ControlCommand, ControlReply } from '../../sim/view/protocol.ts';
import { LiveRun } from './liveRun.ts';
import type { RunnerHost, RunnerOptions } from './runnerHost.ts';
import { runStartState } from './runStartState.ts';

/** The run status as viewers see it. */
export function runStatus(h: RunnerHost): RunStatus {
  const { run, pacer } = h;
  return {
    runId: run.id,
    scenario: run.scenario.name,
    seed: run.seed,
    speed: pacer.state.speed,
    paused: pacer.state.paused,
    until: pacer.state.until,
  };
}

/**
 * The scenario of a name (or `given`, an exercise's scenario with its overrides merged, which a
 * queued `control.load` builds instead of the library's), checked against the size budgets
 * before anything is built.
 */
export function budgetedScenario(opts: RunnerOptions, name: string, given: Scenario | null): Scenario {
  const scenario = given ?? opts.library.get(name).scenario;
  const over = opts.budget?.(scenario) ?? [];
  if (over.length > 0)
    throw new Error(
      `scenario "${name}" is over budget: ${over.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    );
  return scenario;
}

/**
 * Starts a new run of `scenario` on disk (its own seed unless one is given), at the pacing in
 * force; from `start` (an exercise's start snapshot) instead of time 0 when one is given.
 */
export function newLiveRun(
  h: RunnerHost,
  scenario: Scenario,
  seed?: string,
  start: EngineSnapshot | null = null,
): Promise<LiveRun> {
  const { opts } = h;
  return LiveRun.create(
    opts.data,
    opts.index,
    scenario,
    seed ?? String(scenario.seed),
    h.pacer.state,
    opts.log,
    opts.journal,
    start,
  );
}

/** What a trainer's floor command did, in words (the wave released, the aisles locked now). */
export function floorMessage(r: ReturnType<Engine['apply']>): string {
  if (r.ok && r.type === 'wave.release')
    return r.wave === null ? 'no order was waiting for a wave' : `${r.wave} released: ${r.orders} orders`;
  if (r.ok && (r.type === 'aisle.lock' || r.type === 'aisle.unlock'))
    return `aisle ${r.aisle} ${r.type === 'aisle.lock' ? 'locked' : `unlocked (${r.resumed} went on)`}; locked now: ${r.locked.join(', ') || 'none'}`;
  return 'done';
}

function ack(h: RunnerHost, cmd: ControlCommand): ControlReply {
  return { type: 'control.ack', command: cmd.type, run: runStatus(h), simTime: h.run.engine.now() };
}

function fail(
  cmd: ControlCommand,
  code: 'invalid' | 'unsupported' | 'failed',
  message: string,
): ControlReply {
  return { type: 'control.error', command: cmd.type, code, message };
}

/** Applies one control command to a single-site run: pacing (Pacer), reset/load, or an injection. */
export async function applyControl(
  h: RunnerHost,
  cmd: ControlCommand,
  given: Scenario | null,
  start: EngineSnapshot | null = null,
): Promise<ControlReply> {
  const paced = await h.pacer.command(cmd, (on) => (h.busy = on));
  if (paced !== null) {
    if (!paced.ok) return fail(cmd, 'invalid', paced.message);
    h.publisher.publish(false);
    return ack(h, cmd);
  }
  switch (cmd.type) {
    case 'control.reset':
    case 'control.load': {
      const name = cmd.type === 'control.load' ? cmd.scenario : h.run.scenario.name;
      const seed =
        cmd.seed !== undefined ? String(cmd.seed) : cmd.type === 'control.reset' ? h.run.seed : undefined;
      // A run that began at a saved state (an exercise's start snapshot) resets to that state,
      // with the scenario it was built from (the exercise's overrides), not to time 0.
      if (cmd.type === 'control.reset' && given === null && start === null) {
        start = runStartState(h.run.folder);
        if (start !== null) {
          if (seed !== h.run.seed)
            return fail(
              cmd,
              'invalid',
              `this run began at a saved state (start.json): it resets with its own seed ${h.run.seed}`,
            );
          given = h.run.scenario;
        }
      }
      // Load and budget first: a bad name, file or size fails here and the run keeps going.
      let scenario: Scenario;
      try {
        scenario = budgetedScenario(h.opts, name, given);
      } catch (err) {
        return fail(cmd, 'invalid', err instanceof Error ? err.message : String(err));
      }
      h.busy = true;
      try {
        // Build the new run before stopping the old one: if building fails, the old run goes on.
        let next: LiveRun;
        try {
          next = await newLiveRun(h, scenario, seed, start);
        } catch (err) {
          h.opts.log.error({ err, scenario: name }, 'building the new run failed; the current run continues');
          h.pacer.anchor();
          return fail(
            cmd,
            'failed',
            `could not build a run of "${name}": ${err instanceof Error ? err.message : String(err)}`,
          );
        }
        await h.run.close(h.pacer.state, true);
        h.pacer.state = { ...h.pacer.state, until: null };
        h.run = next;
        h.pacer.anchor();
      } finally {
        h.busy = false;
      }
      h.publisher.publish(true);
      return ack(h, cmd);
    }
    case 'control.inject': {
      const r = h.run.engine.apply({ type: 'inject', cause: cmd.exception, bin: cmd.bin });
      if (!r.ok) return fail(cmd, 'invalid', r.message);
      // An injection is an input the engine cannot regenerate: checkpoint it at once so a
      // crash-restart (which re-simulates from the last checkpoint) keeps it.
      h.run.checkpoint(h.pacer.state);
      h.publisher.publish(true);
      return { ...ack(h, cmd), message: r.message };
    }
  }
  h.publisher.publish(false);
  return ack(h, cmd);
}
