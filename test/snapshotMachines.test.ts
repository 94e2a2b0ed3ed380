import { describe, expect, it } from 'vitest';
import { createMachine } from 'xstate';
import { readFileSync } from 'node:fs';
import { scenarioSchema } from '../sim/index.ts';
import { createEngine } from '../sim/engineApi.ts';
import { compileMachine } from '../sim/machines/compileMachine.ts';
import { machineFingerprints } from '../sim/machines/machineFingerprints.ts';
import { inboundMachines } from '../sim/flows/inbound/inboundSite.ts';
import { replenishmentTable } from '../sim/flows/replenishment/replenishmentTask.ts';
import { countTable } from '../sim/flows/counting/countDecision.ts';
import { SCAN_STEPS, stepTable } from '../sim/mirror/scanSteps.ts';

const demo = scenarioSchema.parse(
  JSON.parse(readFileSync(new URL('../scenarios/demo-dc.json', import.meta.url), 'utf8')),
);

describe('statechart fingerprints in snapshots', () => {
  it('cover every compiled table whose state numbers a run saves, with the same fingerprint', () => {
    const w = createEngine(demo).world;
    const inbound = inboundMachines();
    const used = [
      w.machines.order,
      w.machines.pickTask,
      inbound.receipt,
      inbound.putaway,
      replenishmentTable(),
      countTable(),
      ...SCAN_STEPS.map((s) => stepTable(s)),
    ];
    const saved = machineFingerprints();
    for (const t of used) expect(saved[t.id], t.id).toBe(t.fingerprint);
  });

  it('change with a transition, a state name or an event name, and not otherwise', () => {
    const make = (target: string, name = 'b', event = 'go') =>
      compileMachine(
        createMachine({
          id: 'm',
          initial: 'a',
          states: {
            a: { on: { [event]: name, stop: 'z' } },
            [name]: { on: { back: target } },
            z: { type: 'final' },
          },
        }),
      ).fingerprint;
    const base = make('a');
    expect(make('a')).toBe(base);
    expect(make('z')).not.toBe(base);
    expect(make('a', 'c')).not.toBe(base);
    expect(make('a', 'b', 'went')).not.toBe(base);
  });
});
