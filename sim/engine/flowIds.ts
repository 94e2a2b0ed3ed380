/**
 * The numbering of flow-owned event kinds and step actions. A flow declares its events and
 * actions by name (defineFlow); registering it (flowRegistry.registerFlow) gives each name the
 * next free number, in the order the composition root registers the flows. Numbers, not names,
 * go into the event queue and into job steps (one indexed load per event), and both are saved in
 * snapshots, so every snapshot carries this table (`flowIds`) and a restore refuses a checkpoint
 * whose numbering differs from this build's (readSnapshot).
 */

/** Kinds the engine itself dispatches (they are not in any flow's table). */
export const ENGINE_EVENT_KINDS = { workerStep: 1, shiftEdge: 2 } as const;

const table: Record<string, number> = {};
let nextEvent = 3;
let nextAction = 1;

for (const [name, id] of Object.entries(ENGINE_EVENT_KINDS)) table[`engine.event.${name}`] = id;

/** Numbers the names of one flow's events or actions, once per process (same names ⇒ same numbers). */
export function allocateIds(flow: string, what: 'event' | 'action', names: readonly string[]): number[] {
  return names.map((name) => {
    const key = `${flow}.${what}.${name}`;
    let id = table[key];
    if (id === undefined) {
      id = what === 'event' ? nextEvent++ : nextAction++;
      table[key] = id;
    }
    return id;
  });
}

/** The numbering so far, `flow.event.name` / `flow.action.name` → number: what a snapshot saves. */
export function flowIdTable(): Record<string, number> {
  return { ...table };
}

/**
 * How a saved numbering differs from this build's (empty when they agree), naming each
 * difference, so a refused checkpoint says which flow's events or actions moved.
 */
export function flowIdDifferences(saved: Record<string, number>): string[] {
  const out: string[] = [];
  for (const [key, id] of Object.entries(table)) {
    const theirs = saved[key];
    if (theirs !== id) out.push(`${key} is ${id} here, ${theirs ?? 'absent'} in the checkpoint`);
  }
  for (const key of Object.keys(saved)) if (!(key in table)) out.push(`${key} is not in this build`);
  return out;
}
