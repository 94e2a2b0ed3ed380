import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioSchema, type JournalEvent } from '../sim/index.ts';
import { createEngine, restoreEngine } from '../sim/engineApi.ts';

// FIFO removal reads the lot arrival days kept in the inbound state: a resumed run must see them.
const raw = JSON.parse(readFileSync(new URL('../scenarios/demo-dc.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;
const fifo = scenarioSchema.parse({ ...raw, rules: { removal: { default: 'fifo' } } });
const H = 3_600_000;

describe('FIFO removal across a checkpoint', () => {
  it('records arrivals and resumes to the same journal', () => {
    const whole: JournalEvent[] = [];
    const e1 = createEngine(fifo, { journal: (ev) => whole.push(ev) });
    e1.runUntil(30 * H);
    const part: JournalEvent[] = [];
    const e2 = createEngine(fifo, { journal: (ev) => part.push(ev) });
    e2.runUntil(26 * H);
    const snap = JSON.parse(JSON.stringify(e2.snapshot())) as { flow?: { inbound?: { lotDays?: object } } };
    expect(Object.keys(snap.flow?.inbound?.lotDays ?? {}).length).toBeGreaterThan(0);
    const e3 = restoreEngine(fifo, snap, { journal: (ev) => part.push(ev) });
    e3.runUntil(30 * H);
    expect(JSON.stringify(part)).toBe(JSON.stringify(whole));
  }, 120_000);
});
