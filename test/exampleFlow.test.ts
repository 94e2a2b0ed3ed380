import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, restoreEngine } from '../sim/engineApi.ts';
import { SnapshotError, type JournalEvent, type Scenario } from '../sim/index.ts';
import { defineFlow } from '../sim/engine/defineFlow.ts';
import { flowTables, registerFlow } from '../sim/engine/flowRegistry.ts';
import { flowIdTable } from '../sim/engine/flowIds.ts';
import { binDetail } from '../sim/view/binDetail.ts';
import { smallSite } from '../sim/flows/replenishment/testScenario.ts';
import { picking } from '../sim/flows/picking/pickingState.ts';
import { audit } from './exampleFlow/auditState.ts';
import { registerWithAudit } from './exampleFlow/composition.ts';

const HOUR = 3_600_000;

/**
 * The small test site plus one auditor. The role is the example flow's own; the scenario
 * schema's role list is still central, so the group is added after parsing.
 */
function auditedSite(): Scenario {
  const s = smallSite({ seed: 5 });
  const auditor = { ...s.workers[0]!, role: 'auditor', prefix: 'aud', count: 1 };
  return { ...s, workers: [...s.workers, auditor as Scenario['workers'][number]] };
}

beforeAll(() => registerWithAudit());

describe('an example flow module added by one line in a composition root', () => {
  it('gets its event kind and step action numbered after the built-in flows, in the dispatch tables', () => {
    const t = flowTables();
    expect(t.flows.map((f) => f.name).at(-1)).toBe('audit');
    const kinds = Object.entries(flowIdTable());
    const maxBuiltIn = Math.max(
      ...kinds.filter(([k]) => k.includes('.event.') && !k.startsWith('audit.')).map(([, v]) => v),
    );
    expect(audit.ev.auditDue).toBe(maxBuiltIn + 1);
    expect(t.events[audit.ev.auditDue]).toBe(auditFlow().events!['auditDue']);
    expect(t.actions[audit.act.auditAtBin]).toBeDefined();
    expect(flowIdTable()['audit.action.auditAtBin']).toBe(audit.act.auditAtBin);
    // Registered before it, picking kept its numbers.
    expect(picking.ev.orderArrival).toBe(flowIdTable()['picking.event.orderArrival']);
  });

  it('runs through the engine: its own state, role, KPI section and bin-inspector rows', () => {
    const e = createEngine(auditedSite());
    let sawRow = false;
    for (let t = HOUR; t <= 8 * HOUR; t += HOUR / 4) {
      e.runUntil(t);
      const open = Object.values(audit.peek(e.world)?.open ?? {});
      for (const d of open) {
        const code = e.world.site.layout!.bins[d.bin]!.code;
        const rows = binDetail(e.world, code, [])!.tasks.filter((r) => r.kind === 'audit');
        expect(rows.length).toBeGreaterThan(0);
        sawRow = true;
      }
    }
    const s = audit.state(e.world);
    expect(s.raised).toBe(Math.floor((8 * HOUR) / (20 * 60_000)));
    expect(s.done).toBeGreaterThan(0);
    expect(s.done + Object.keys(s.open).length).toBe(s.raised);
    const auditor = e.world.workers.find((x) => x.role === 'auditor')!;
    expect(auditor.stats.jobs['audit']).toBe(s.done);
    const k = e.kpis() as Record<string, unknown>;
    expect(k['audit']).toEqual({
      raised: s.raised,
      done: s.done,
      open: Object.keys(s.open).length,
      waitMs: s.waitMs,
    });
    expect(sawRow).toBe(true);
  });

  it('resumes from a checkpoint (through JSON) exactly as an uninterrupted run', () => {
    const sc = auditedSite();
    const whole: JournalEvent[] = [];
    const a = createEngine(sc, { journal: (ev) => whole.push(ev) });
    a.runUntil(8 * HOUR);
    const first: JournalEvent[] = [];
    const b = createEngine(sc, { journal: (ev) => first.push(ev) });
    b.runUntil(3 * HOUR + 7 * 60_000);
    const saved: unknown = JSON.parse(JSON.stringify(b.snapshot()));
    expect((saved as { flow: Record<string, unknown> }).flow['audit']).toBeDefined();
    const rest: JournalEvent[] = [];
    const c = restoreEngine(sc, saved, { journal: (ev) => rest.push(ev) });
    c.runUntil(8 * HOUR);
    const text = (evs: JournalEvent[]): string => evs.map((ev) => JSON.stringify(ev)).join('\n');
    expect(text([...first, ...rest])).toBe(text(whole));
    expect(c.kpis()).toEqual(a.kpis());
    expect(JSON.stringify(c.snapshot())).toBe(JSON.stringify(a.snapshot()));
  });

  it('refuses a checkpoint whose flow numbering differs (a build without the example flow)', () => {
    const sc = auditedSite();
    const e = createEngine(sc);
    e.runUntil(2 * HOUR);
    const saved = JSON.parse(JSON.stringify(e.snapshot())) as { flowIds: Record<string, number> };
    delete saved.flowIds['audit.event.auditDue'];
    saved.flowIds['picking.event.orderArrival'] = 99;
    let err: unknown;
    try {
      restoreEngine(sc, saved);
    } catch (x) {
      err = x;
    }
    expect(err).toBeInstanceOf(SnapshotError);
    expect((err as Error).message).toMatch(/^flowIds: checkpoint was written by a build whose flows number/);
    expect((err as Error).message).toContain(
      `picking.event.orderArrival is ${picking.ev.orderArrival} here, 99 in the checkpoint`,
    );
    expect((err as Error).message).toContain('audit.event.auditDue is');
  });

  it('refuses to register a flow offering work to a role it does not declare', () => {
    const stray = defineFlow({ name: 'stray', roles: ['auditor'] });
    expect(() =>
      registerFlow(stray.flow({ sources: [{ role: 'picker', priority: 0, next: () => null }] })),
    ).toThrow('flow stray offers work to role picker but declares roles [auditor]');
    expect(flowTables().flows.some((f) => f.name === 'stray')).toBe(false);
  });
});

/** The registered example flow (to compare its handlers with the dispatch table's). */
function auditFlow() {
  return flowTables().flows.find((f) => f.name === 'audit')!;
}
