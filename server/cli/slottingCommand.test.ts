import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// `bintwin slotting` as users start it, on a small hand-built site: 24 generated items dealt
// to one aisle of faces at random (the "current" slotting), return routing, so a face's depth
// is what a pick walks, and replenishers keep every pick at its face.
const BIN = fileURLToPath(new URL('../bin/bintwin.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bintwin-slotting-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
copyFileSync(
  fileURLToPath(new URL('../slotting/smallSiteFixture.json', import.meta.url)),
  join(dir, 'site.json'),
);

function bintwin(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const json = (p: string): unknown => JSON.parse(readFileSync(join(dir, p), 'utf8'));

interface Proposal {
  estimate: { currentM: number; proposedM: number };
  moves: { sku: string; from: string; to: string; units: number; hours: number }[];
  items: { sku: string; picks: number; abc: string }[];
}

describe('bintwin slotting', () => {
  it('names every bad flag, before anything runs (exit 2)', async () => {
    const r = await bintwin(
      'slotting',
      'site.json',
      '--days',
      'x',
      '--method',
      'xyz',
      '--replications',
      '1',
      '--workers',
      '0',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--days must be a positive number/);
    expect(r.stderr).toMatch(/--method must be abc or coi, got "xyz"/);
    expect(r.stderr).toMatch(/--replications must be a whole number from 2 to 1000, got "1"/);
    expect(r.stderr).toMatch(/--workers must be a whole number from 1 to 256, got "0"/);
    const missing = await bintwin('slotting', 'nope');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/unknown scenario "nope"/);
    expect((await bintwin('slotting', '--help')).stdout).toMatch(/--no-experiment/);
  });

  it('moves the fast movers to the front and the paired experiment measures the travel drop, net of the moves', async () => {
    const r = await bintwin(
      'slotting',
      'site.json',
      '--days',
      '0.5',
      '--replications',
      '3',
      '--workers',
      '2',
      '--run-days',
      '0.25',
      '--out',
      'out',
    );
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/history slot-small/);
    const p = json('out/proposal.json') as Proposal;
    const faces = json('out/slot-small-slotted.json') as {
      extends: string;
      stock: { faces: Record<string, string> };
    };
    expect(faces.extends).toBe('../site.json');
    // The two most picked items end up among the four faces nearest the depot (bays 01–02, levels A–B).
    const top = [...p.items].sort((a, b) => b.picks - a.picks).slice(0, 2);
    for (const t of top) expect(faces.stock.faces[t.sku]).toMatch(/^F-01-0[12]-[AB]$/);
    expect(p.moves.length).toBeGreaterThan(0);
    expect(p.moves.every((m) => m.hours > 0 && m.units >= 0)).toBe(true);
    expect(p.estimate.proposedM).toBeLessThan(p.estimate.currentM);
    const res = json('out/results.json') as {
      kpis: {
        path: string;
        variants: { variant: string; vsBaseline: { mean: number; hi: number } | null }[];
      }[];
    };
    const d = res.kpis
      .find((k) => k.path === 'picking.travelKm')!
      .variants.find((v) => v.variant === 'proposed')!.vsBaseline!;
    expect(d.hi).toBeLessThan(0);
    const net = json('out/net-saving.json') as {
      travelSavedKm: number;
      labourHours: number;
      netHours: number;
    };
    expect(net.travelSavedKm).toBeCloseTo(-d.mean, 9);
    expect(net.labourHours).toBeCloseTo(
      p.moves.reduce((a, m) => a + m.hours, 0),
      9,
    );
    expect(r.stdout).toMatch(/net of [\d.]+ labour hours for the moves: -?[\d.]+ hours \(95% CI/);
    // The variant is a scenario file in its own right.
    const v = await bintwin('validate', 'out/slot-small-slotted.json');
    expect(v.code).toBe(0);
  }, 240_000);

  it('reads the history from a run folder’s journal', async () => {
    const run = await bintwin('run', 'site.json', '--hours', '4', '--out', 'run', '-q');
    expect(run.code).toBe(0);
    const picks = readFileSync(join(dir, 'run', 'journal.ndjson'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('"pick.confirmed"')).length;
    const r = await bintwin('slotting', 'run', '--no-experiment', '--out', 'fromRun');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${picks} picks`);
    expect(r.stdout).not.toMatch(/paired experiment/);
    const empty = await bintwin('slotting', '.', '--no-experiment');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/not a run folder/);
  }, 120_000);
});
