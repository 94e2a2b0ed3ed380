import { describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { flowTables } from '../sim/engine/flowRegistry.ts';
import { flowIdTable } from '../sim/engine/flowIds.ts';
import { registerAllFlows } from '../sim/flows/allFlows.ts';
import { scenarioSchema } from '../sim/scenario/scenarioSchema.ts';

/** The schema inside optional/default wrappers (zod 4 keeps it as `def.innerType`). */
function unwrap(t: ZodType): ZodType {
  let cur = t as ZodType & { def: { innerType?: ZodType } };
  while (cur.def.innerType) cur = cur.def.innerType as typeof cur;
  return cur;
}

describe('the registered warehouse flows', () => {
  registerAllFlows();
  const flows = flowTables().flows;

  it('number every declared event and action uniquely, each with a handler in its slot', () => {
    const ids = flowIdTable();
    const events = Object.entries(ids).filter(([k]) => k.includes('.event.'));
    const actions = Object.entries(ids).filter(([k]) => k.includes('.action.'));
    expect(new Set(events.map(([, v]) => v)).size).toBe(events.length);
    expect(new Set(actions.map(([, v]) => v)).size).toBe(actions.length);
    for (const f of flows) {
      for (const e of f.handle.declaration.events ?? []) {
        expect(ids[`${f.name}.event.${e}`]).toBe(f.handle.ev[e]);
        expect(flowTables().events[f.handle.ev[e]!]).toBe(f.events![e]);
      }
      for (const a of f.handle.declaration.actions ?? []) {
        expect(flowTables().actions[f.handle.act[a]!]).toBe(f.actions![a]);
      }
    }
  });

  it('declare the scenario section the scenario schema really composes', () => {
    const shape = scenarioSchema.shape as Record<string, ZodType>;
    const declared = flows.filter((f) => f.handle.declaration.schema);
    expect(declared.map((f) => f.handle.declaration.schema!.key).sort()).toEqual(
      ['counting', 'exceptions', 'inbound', 'packing', 'picking', 'replenishment', 'returns'].sort(),
    );
    for (const f of declared) {
      const { key, section } = f.handle.declaration.schema!;
      expect(unwrap(shape[key]!)).toBe(section);
    }
  });

  it('offer work only to roles they declare, and every declared role is a scenario role', () => {
    const roles = new Set<string>(scenarioSchema.shape.workers.element.shape.role.options);
    for (const f of flows) {
      for (const r of f.handle.declaration.roles ?? []) expect(roles.has(r)).toBe(true);
      for (const s of f.sources ?? []) expect(f.handle.declaration.roles).toContain(s.role);
    }
  });
});
