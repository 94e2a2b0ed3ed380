import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { JournalEvent } from '../sim/index.ts';
import { createEngine } from '../sim/engineApi.ts';
import { epcisMapper } from '../server/feeds/epcis/journalToEpcis.ts';
import { BINTWIN_NS } from '../sim/mirrorApi.ts';
import { mapEpcisEvent } from '../sim/mirror/epcisMapping.ts';
import { returnsSite } from '../sim/flows/returns/testSite.ts';

const HOUR = 3_600_000;

describe('returns discrepancy events in EPCIS', () => {
  const sc = returnsSite({
    mismatchShare: 0,
    discrepancies: {
      damagedShare: 0.5,
      noRmaShare: 0.5,
      noRma: { accept: 1, refuse: 1, scrap: 1, decisionHours: 2 },
    },
  });
  const journal: JournalEvent[] = [];
  const e = createEngine(sc, { journal: (x) => journal.push(x) });
  e.runUntil(36 * HOUR);
  const toEpcis = epcisMapper(e.site().items, { run: 'returns' });

  it('exports the damaged receipt and the refusal with their CBV step and disposition, and maps them back to the same posting', () => {
    const expected: Record<string, [string, string]> = {
      'return.receivedDamaged': ['receiving', 'damaged'],
      'return.refused': ['shipping', 'in_transit'],
      'return.scrapped': ['destroying', 'destroyed'],
    };
    for (const [type, [step, disposition]] of Object.entries(expected)) {
      const evs = journal.filter((x) => x.type === type);
      expect(evs.length, type).toBeGreaterThan(0);
      const ev = toEpcis(evs[0]!)!;
      expect([ev['bizStep'], ev['disposition']], type).toEqual([step, disposition]);
      const back = mapEpcisEvent(e.world, ev, { bintwin: BINTWIN_NS });
      expect(back.ok, `${type}: ${JSON.stringify(back)}`).toBe(true);
      if (!back.ok) continue;
      const b = back.bodies[0]!;
      const x = evs[0]!;
      expect([b.type, b.bin, b.sku, b.baseQty, b.statusFrom, b.statusTo], type).toEqual([
        x.type,
        x.bin,
        x.sku,
        x.baseQty,
        x.statusFrom,
        x.statusTo,
      ]);
    }
  });

  it('leaves the notes and decisions that move no stock out', () => {
    for (const type of ['return.unauthorisedHeld', 'return.authorisedLate', 'return.mismatchRecorded']) {
      const evs = journal.filter((x) => x.type === type);
      expect(evs.length, type).toBeGreaterThan(0);
      for (const x of evs) expect(toEpcis(x), type).toBeNull();
    }
  });
});

describe('demo-returns-mismatch from the CLI', () => {
  const BIN = fileURLToPath(new URL('../server/bin/bintwin.js', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'bintwin-rmm-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs two days and reports every discrepancy code in kpis.json and the summary', () => {
    const r = spawnSync(
      process.execPath,
      [BIN, 'run', 'demo-returns-mismatch', '--hours', '48', '--out', join(dir, 'out'), '--journal', 'none'],
      { cwd: dir, encoding: 'utf8', timeout: 300_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const k = JSON.parse(readFileSync(join(dir, 'out', 'kpis.json'), 'utf8')) as {
      returns: {
        mismatches: number;
        discrepancies: { count: Record<string, number>; units: Record<string, number> };
      };
    };
    const d = k.returns.discrepancies;
    for (const code of ['short', 'wrongItem', 'over', 'damaged', 'noRma']) {
      expect(d.count[code], code).toBeGreaterThan(0);
      expect(d.units[code], code).toBeGreaterThanOrEqual(d.count[code]!);
    }
    expect(k.returns.mismatches).toBe(Object.values(d.count).reduce((a, b) => a + b, 0));
    const summary = r.stdout.slice(r.stdout.indexOf('\nreturns\n'));
    expect(summary).toMatch(/\n {2}discrepancies\n {4}count\n {6}short +\d+\n {6}wrong item +\d+/);
    expect(summary).toMatch(/\n {4}no rma\n {6}accepted +\d+/);
  }, 300_000);
});
