import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayJournal, scenarioSchema, type JournalEvent } from '../sim/index.ts';
import { createEngine, restoreEngine } from '../sim/engineApi.ts';

const demo = scenarioSchema.parse(
  JSON.parse(readFileSync(new URL('../scenarios/demo-dc.json', import.meta.url), 'utf8')),
);
const HOURS = 6 * 3_600_000;

function journalOf(seed: number | string, until = HOURS): { text: string; events: JournalEvent[] } {
  const events: JournalEvent[] = [];
  const e = createEngine(demo, { seed, journal: (ev) => events.push(ev) });
  e.runUntil(until);
  return { text: events.map((ev) => JSON.stringify(ev)).join('\n'), events };
}

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

describe('determinism', () => {
  it('same scenario and seed give the same journal bytes; another seed does not', () => {
    const a = journalOf(7);
    const b = journalOf(7);
    expect(a.events.length).toBeGreaterThan(1000);
    expect(sha(a.text)).toBe(sha(b.text));
    expect(sha(journalOf(8).text)).not.toBe(sha(a.text));
  });

  it('a checkpoint taken mid-run and resumed (through JSON) gives the same journal as an uninterrupted run', () => {
    const whole = journalOf(5, 2 * HOURS).text;
    const first: JournalEvent[] = [];
    const e1 = createEngine(demo, { seed: 5, journal: (ev) => first.push(ev) });
    e1.runUntil(HOURS + 12_345);
    const snap = JSON.parse(JSON.stringify(e1.snapshot()));
    const rest: JournalEvent[] = [];
    const e2 = restoreEngine(demo, snap, { journal: (ev) => rest.push(ev) });
    e2.runUntil(2 * HOURS);
    expect([...first, ...rest].map((ev) => JSON.stringify(ev)).join('\n')).toBe(whole);
    expect(e2.kpis()).toEqual(createEngineAt(5, 2 * HOURS));
  });

  it('the snapshot is plain JSON that round-trips', () => {
    const e = createEngine(demo, { seed: 3 });
    e.runUntil(HOURS);
    const s = e.snapshot();
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('replaying the journal rebuilds the system ledger exactly', () => {
    const events: JournalEvent[] = [];
    const e = createEngine(demo, { seed: 9, journal: (ev) => events.push(ev) });
    e.runUntil(HOURS);
    const replayed = replayJournal(JSON.parse(`[${events.map((ev) => JSON.stringify(ev)).join(',')}]`));
    expect(replayed.state()).toEqual(e.world.system.state());
    expect(replayed.size).toBeGreaterThan(1000);
    // Sequence numbers are gapless and time never goes backwards.
    events.forEach((ev, i) => expect(ev.seq).toBe(i + 1));
    for (let i = 1; i < events.length; i++) expect(events[i]!.t).toBeGreaterThanOrEqual(events[i - 1]!.t);
  });
});

function createEngineAt(seed: number, t: number) {
  const e = createEngine(demo, { seed });
  e.runUntil(t);
  return e.kpis();
}
