import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engineApi.ts';
import type { World } from '../../engine/world.ts';
import { countingSchema } from './countingSchema.ts';
import { chooseBin } from './countSchedule.ts';
import { storageBins } from './binStock.ts';
import { valueFactors, weighsValue } from './valueWeights.ts';
import { smallSite } from '../replenishment/testScenario.ts';

const HOUR = 3_600_000;
const DRAWS = 3000;

/** A small site after 8 h of picking and replenishment, with the count settings given. */
function site(counting: Record<string, unknown>): World {
  const base = smallSite();
  const e = createEngine(smallSite({ counting: { ...base.counting, ...counting } } as never), { seed: 5 });
  e.runUntil(8 * HOUR);
  return e.world;
}

/** Share of `DRAWS` count draws landing in the given bins (by index). */
function shareIn(w: World, target: ReadonlySet<number>): number {
  let n = 0;
  for (let i = 0; i < DRAWS; i++) if (target.has(chooseBin(w))) n++;
  return n / DRAWS;
}

/** Value (unit cost × units on hand) of each storage bin. */
function binValues(w: World): Map<number, number> {
  const out = new Map<number, number>([...storageBins(w)].map((b) => [b, 0]));
  const cost = new Map(w.site.items.map((i) => [i.sku, i.unitCost]));
  for (const r of w.system.all()) {
    const b = w.site.binIndex.get(r.bin);
    if (b !== undefined && out.has(b)) out.set(b, out.get(b)! + r.qty * (cost.get(r.sku) ?? 0));
  }
  return out;
}

describe('count program weights by value and criticality', () => {
  it('default to none: the draw is the built-in one', () => {
    const c = countingSchema.parse({});
    expect(c.valueWeight).toBe(0);
    expect(c.criticality).toEqual({});
    expect(weighsValue(site({}))).toBe(false);
  });

  it('a value weight shifts counts to the most valuable bins, as the weights say', () => {
    const plain = site({ policy: 'random' });
    const heavy = site({ policy: 'random', valueWeight: 20 });
    // The tenth of storage bins holding the most value (the same stock in both: same seed, same run).
    const ranked = [...binValues(plain)].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const top = new Set(ranked.slice(0, Math.ceil(ranked.length / 10)).map(([b]) => b));
    expect(ranked.map(([b, v]) => [b, v])).toEqual(
      [...binValues(heavy)].sort((a, b) => b[1] - a[1] || a[0] - b[0]),
    );
    const f = valueFactors(heavy);
    const bins = storageBins(heavy);
    let inTop = 0;
    let all = 0;
    bins.forEach((b, i) => ((all += f[i]!), top.has(b) && (inTop += f[i]!)));
    const expected = inTop / all;
    const base = shareIn(plain, top);
    const got = shareIn(heavy, top);
    // Binomial sd of a share over 3000 draws is at most 0.0092: 5 sd bounds cannot pass by chance.
    const sd = Math.sqrt(0.25 / DRAWS);
    expect(Math.abs(base - top.size / bins.length)).toBeLessThan(5 * sd);
    expect(Math.abs(got - expected)).toBeLessThan(5 * sd);
    expect(got - base).toBeGreaterThan(20 * sd);
  });

  it('a criticality factor shifts counts to bins holding the critical family', () => {
    const plain = site({ policy: 'abc' });
    const family = plain.site.items[0]!.family;
    const critical = site({ policy: 'abc', criticality: { [family]: 10 } });
    const skus = new Set(plain.site.items.filter((i) => i.family === family).map((i) => i.sku));
    const held = new Set<number>();
    for (const r of plain.system.all())
      if (skus.has(r.sku) && r.qty > 0) held.add(plain.site.binIndex.get(r.bin)!);
    const target = new Set([...storageBins(plain)].filter((b) => held.has(b)));
    expect(target.size).toBeGreaterThan(0);
    const base = shareIn(plain, target);
    const got = shareIn(critical, target);
    const sd = Math.sqrt(0.25 / DRAWS);
    expect(got - base).toBeGreaterThan(20 * sd);
  });

  it('rejects a criticality family no item has, naming it and the families there are', () => {
    let issues: { path: PropertyKey[]; message: string }[] = [];
    try {
      smallSite({ counting: { criticality: { hardwear: 2 } } } as never);
    } catch (err) {
      issues = (err as { issues: typeof issues }).issues;
    }
    const issue = issues.find((i) => i.path.join('.') === 'counting.criticality.hardwear');
    expect(issue?.message).toMatch(/^unknown item family "hardwear" \(families: .*hardware/);
  });

  it('rejects a negative value weight and a zero criticality factor, naming the field', () => {
    const bad = countingSchema.safeParse({ valueWeight: -1, criticality: { tools: 0 } });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['valueWeight', 'criticality.tools']));
  });
});
