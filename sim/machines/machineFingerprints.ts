import { allMachines } from './allMachines.ts';
import { compileMachine, type CompiledMachine } from './compileMachine.ts';

// Compiled once per process: the tables are pure functions of the machine definitions.
let compiled: ReadonlyMap<string, CompiledMachine> | null = null;

/** Every lifecycle machine of this build compiled, by machine id. */
export function compiledMachines(): ReadonlyMap<string, CompiledMachine> {
  compiled ??= new Map(allMachines.map((m) => [m.id, compileMachine(m)]));
  return compiled;
}

/**
 * The fingerprint of every lifecycle machine of this build, by machine id: what a snapshot
 * carries so a restore can tell whether its saved state numbers still mean the same states.
 * Every machine, not only those a scenario uses, so the set never depends on which flows ran.
 */
export function machineFingerprints(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, m] of compiledMachines()) out[id] = m.fingerprint;
  return out;
}
