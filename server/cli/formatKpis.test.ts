import { describe, expect, it } from 'vitest';
import { formatNumber, formatSimDuration, formatSimTime, formatWallSeconds } from './displayFormat.ts';
import { formatKpis, keyToLabel, type KpiTree } from './formatKpis.ts';
import { createEngine, scenarioSchema } from '../../sim/index.ts';
import demoJson from '../../scenarios/demo-dc.json' with { type: 'json' };

describe('formatKpis', () => {
  it('renders groups as headings with aligned labels and right-aligned numbers', () => {
    const text = formatKpis({
      scenario: 'demo-dc',
      orders: { created: 12345, onTimeRate: 0.98765, open: 0 },
      wait: { meanSeconds: 40.1234, p90Seconds: null, steadyState: { lo: 39.5, hi: 40.75 } },
    });
    expect(text.split('\n')).toEqual([
      'scenario  demo-dc',
      '',
      'orders',
      '  created       12,345',
      '  on time rate   0.988',
      '  open               0',
      '',
      'wait',
      '  mean seconds  40.12',
      '  p90 seconds   –',
      '  steady state',
      '    lo   39.5',
      '    hi  40.75',
    ]);
  });

  it('shows arrays, booleans and empty groups', () => {
    expect(formatKpis({ flags: { ok: true, tags: ['a', 'b'], by: {} } })).toBe(
      ['flags', '  ok    yes', '  tags  a, b', '  by', '    (none)'].join('\n'),
    );
  });

  it('turns keys into words', () => {
    expect(keyToLabel('linesPerLabourHour')).toBe('lines per labour hour');
    expect(keyToLabel('p90Seconds')).toBe('p90 seconds');
    expect(keyToLabel('IRAByTruth')).toBe('IRA by truth');
    expect(keyToLabel('RCV')).toBe('RCV');
    expect(keyToLabel('F')).toBe('F');
    expect(keyToLabel('pick-01')).toBe('pick-01');
    expect(keyToLabel('dock_to_stock')).toBe('dock to stock');
  });
});

describe('display formats', () => {
  it('formats numbers by magnitude', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(1234.56)).toBe('1,234.6');
    expect(formatNumber(40.126)).toBe('40.13');
    expect(formatNumber(0.668732)).toBe('0.669');
    expect(formatNumber(-0.5)).toBe('-0.5');
    expect(formatNumber(0.00001234)).toBe('1.23e-5');
  });

  it('formats sim clock and durations', () => {
    expect(formatSimTime(0)).toBe('day 1 Mon 00:00');
    expect(formatSimTime((24 + 7.5) * 3_600_000)).toBe('day 2 Tue 07:30');
    expect(formatSimTime(7 * 24 * 3_600_000)).toBe('day 8 Mon 00:00');
    expect(formatSimDuration(24 * 3_600_000)).toBe('1 day');
    expect(formatSimDuration(76 * 3_600_000)).toBe('3 days 4 h');
    expect(formatSimDuration(1_800_000)).toBe('30 min');
    expect(formatWallSeconds(119.6)).toBe('2 min 00 s');
  });

  it("shows a run's scan compliance and override frequency in the summary", () => {
    const e = createEngine(scenarioSchema.parse(demoJson));
    e.runUntil(8 * 3_600_000);
    const lines = formatKpis(e.kpis() as unknown as KpiTree).split('\n');
    const at = lines.indexOf('scanning');
    expect(at).toBeGreaterThan(0);
    const group = lines.slice(at + 1, at + 12).join('\n');
    expect(group).toMatch(/^ {2}scan compliance +0\.9\d+$/m);
    expect(group).toMatch(/^ {2}override frequency +0(\.0\d+)?$/m);
    expect(group).toMatch(/^ {2}directed tasks +[\d,]+$/m);
    expect(group).toMatch(/^ {2}unscanned moves +\d+$/m);
  });
});
