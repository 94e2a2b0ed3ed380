import { describe, expect, it } from 'vitest';
import type { AlertView } from '../../sim/viewApi.ts';
import { readPageParams } from '../app/pageParams.ts';
import { AlertFeed, FEED_SIZE, kindLabel, simClock } from './alertFeed.ts';
import { buildBinGrid } from './binGrid.ts';
import { inspectBin, mergeLedgers } from './binInspector.ts';
import { binLabels, buildFloorPlan, detailAt } from './floorPlan.ts';
import { formatKpi, headlineTiles, HISTORY_POINTS, KpiHistory } from './kpiBoard.ts';
import { bannerFor, STALE_AFTER_MS } from './linkStatus.ts';
import { rackBins, testView } from './testView.ts';
import { TRAIL_POINTS, WorkerTracker, workerAt } from './workerMarkers.ts';

const alert = (id: string, severity: AlertView['severity'] = 'warning', bin?: string): AlertView => ({
  id,
  kind: id.split(':')[0]!,
  severity,
  message: `${id} happened`,
  since: 60_000,
  ...(bin ? { bin } : {}),
});

describe('floor plan and level of detail', () => {
  const view = testView([
    ...rackBins(3, 6, 3),
    { code: 'S-00-01-A', x: 2, y: 2, zone: 1, type: 4 },
    { code: 'S-00-02-A', x: 5, y: 0, zone: 1, type: 3 },
  ]);
  const grid = buildBinGrid(view.bins, view.zones);
  const plan = buildFloorPlan(view, grid);

  it('outlines each zone, tints floor areas, marks docks and names aisles', () => {
    expect(plan.zones.map((z) => z.id)).toEqual(['F', 'S']);
    expect(plan.zones[0]!.fillAlpha).toBe(0);
    expect(plan.zones[1]!.fillAlpha).toBeGreaterThan(0);
    expect(plan.docks.map((d) => d.code)).toEqual(['S-00-02-A']);
    expect(plan.aisles.map((a) => a.text)).toEqual(['F-01', 'F-02', 'F-03']);
  });

  it('shows bin codes only when zoomed in, and only for visible bins', () => {
    expect(detailAt(5, grid).binCodes).toBe(false);
    expect(detailAt(5, grid).aisleLabels).toBe(false);
    expect(binLabels(view, grid, { x: -100, y: -100, w: 1000, h: 1000 }, 5)).toEqual([]);
    expect(detailAt(200, grid).binCodes).toBe(true);
    const labels = binLabels(view, grid, { x: 0, y: 9, w: 1.5, h: 1 }, 200);
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.length).toBeLessThan(view.bins.code.length);
    expect(labels.every((l) => l.vertical)).toBe(true);
  });

  it('gives up on labels when too many bins are visible', () => {
    expect(binLabels(view, grid, { x: -100, y: -100, w: 1000, h: 1000 }, 200, 10)).toEqual([]);
  });
});

describe('workers', () => {
  it('keeps a bounded trail and records task changes as actions', () => {
    const t = new WorkerTracker();
    for (let i = 0; i < 50; i++) {
      const task = i < 25 ? 'pick' : null;
      const m = t.update(
        [{ code: 'w1', role: 'picker', device: 'RF-001', x: i, y: 0, task, moving: true }],
        i * 1000,
      );
      expect(m[0]!.trail.length).toBeLessThanOrEqual(TRAIL_POINTS);
    }
    expect(t.recentActions('w1').map((a) => a.text)).toEqual(['finished pick']);
    // A jump across the site breaks the trail instead of drawing a line across it.
    const jumped = t.update(
      [{ code: 'w1', role: 'picker', device: 'RF-001', x: 500, y: 0, task: null, moving: true }],
      51_000,
    );
    expect(jumped[0]!.trail).toEqual([{ x: 500, y: 0 }]);
    const markers = t.update(
      [{ code: 'w2', role: 'counter', device: 'RF-002', x: 5, y: 5, task: null, moving: false }],
      60_000,
    );
    // w1 left the view: its trail and actions are gone (no growth over days).
    expect(t.recentActions('w1')).toEqual([]);
    expect(workerAt(markers, 5.2, 5.1, 1)?.id).toBe('w2');
    expect(workerAt(markers, 9, 9, 1)).toBeNull();
  });
});

describe('KPI tiles', () => {
  it('formats by unit and counts open exceptions from alerts', () => {
    expect(formatKpi(0.9876, '%')).toBe('98.8%');
    expect(formatKpi(null, '%')).toBe('—');
    expect(formatKpi(123.4, '/h')).toBe('123/h');
    const tiles = headlineTiles(
      [{ id: 'ira', label: 'IRA (truth)', value: 0.93, unit: '%' }],
      [alert('variance:A', 'warning'), alert('x', 'info')],
    );
    expect(tiles.map((t) => t.id)).toEqual([
      'ira',
      'lineFill',
      'linesPerHour',
      'dockToStock',
      'replenResponse',
      'onTime',
      'openExceptions',
    ]);
    expect(tiles[0]).toMatchObject({ text: '93.0%', tone: 'bad' });
    expect(tiles[1]!.text).toBe('—');
    expect(tiles[6]).toMatchObject({ value: 1, text: '1', tone: 'warn' });
  });

  it('history samples once per sim minute and stays bounded', () => {
    const h = new KpiHistory(60_000);
    const tiles = headlineTiles([{ id: 'ira', label: 'IRA', value: 1, unit: '%' }], []);
    expect(h.sample(0, tiles)).toBe(true);
    expect(h.sample(30_000, tiles)).toBe(false);
    for (let i = 1; i < 1000; i++) h.sample(i * 60_000, tiles);
    expect(h.series('ira')[0]).toHaveLength(HISTORY_POINTS);
    // Time going backwards (a new run) starts over.
    h.sample(0, tiles);
    expect(h.series('ira')[0]).toHaveLength(1);
  });
});

describe('alert feed', () => {
  it('is newest first, skips replayed duplicates and stays bounded', () => {
    const f = new AlertFeed();
    expect(f.push(1, 'raised', alert('variance:F-01-01-A', 'warning', 'F-01-01-A'))).toBe(true);
    expect(f.push(1, 'raised', alert('variance:F-01-01-A', 'warning', 'F-01-01-A'))).toBe(false);
    f.push(2, 'event', alert('count.posted', 'info'));
    expect(f.list()[0]!.alert.id).toBe('count.posted');
    expect(f.forBin('F-01-01-A')).toHaveLength(1);
    for (let i = 0; i < 500; i++) f.push(10 + i, 'event', alert(`e:${i}`, 'info'));
    expect(f.list()).toHaveLength(FEED_SIZE);
  });

  it('labels journal kinds from the transaction catalogue and shows other kinds raw', () => {
    expect(kindLabel('pick.short')).toBe('Short pick');
    expect(kindLabel('count.outOfTolerance')).toBe('Count out of tolerance');
    expect(kindLabel('variance')).toBe('variance');
  });

  it('prints sim time as a clock', () => {
    expect(simClock(3_723_000)).toBe('01:02');
    expect(simClock(86_400_000 + 60_000)).toBe('d2 00:01');
  });
});

describe('bin inspector', () => {
  it('joins the two ledgers by sku/lot/status and marks differences', () => {
    const rows = mergeLedgers(
      [
        { sku: 'A', lot: 'L1', status: 'available', qty: 10 },
        { sku: 'B', lot: null, status: 'available', qty: 5 },
      ],
      [
        { sku: 'A', lot: 'L1', status: 'available', qty: 10 },
        { sku: 'A', lot: 'L2', status: 'available', qty: 3 },
      ],
    );
    expect(rows).toEqual([
      { sku: 'A', lot: 'L1', status: 'available', system: 10, physical: 10, differs: false },
      { sku: 'A', lot: 'L2', status: 'available', system: 0, physical: 3, differs: true },
      { sku: 'B', lot: '', status: 'available', system: 5, physical: 0, differs: true },
    ]);
  });

  it('shows what the view knows when detail is missing', () => {
    const view = testView([{ code: 'F-01-01-A', x: 1, y: 1, system: 7, physical: 5, fill: 100 }]);
    const m = inspectBin(view, 0, null, [], 'not served');
    expect(m).toMatchObject({
      code: 'F-01-01-A',
      zone: 'Forward',
      systemQty: 7,
      physicalQty: 5,
      fillPercent: 50,
    });
    expect(m.detailNote).toBe('not served');
  });
});

describe('connection banner', () => {
  const base = { lastMessageAt: 1_000_000, attempts: 0, reason: null };
  it('is hidden while live, warns when stale, says reconnecting with the time data froze', () => {
    expect(bannerFor({ ...base, phase: 'live' }, 1_000_500)).toBeNull();
    expect(bannerFor({ ...base, phase: 'live' }, 1_000_000 + STALE_AFTER_MS + 1)?.tone).toBe('warn');
    // A paused run is quiet on purpose.
    expect(bannerFor({ ...base, phase: 'live' }, 1_000_000 + STALE_AFTER_MS + 1, true)).toBeNull();
    const b = bannerFor({ ...base, phase: 'reconnecting', attempts: 3 }, 1_100_000)!;
    expect(b.tone).toBe('error');
    expect(b.text).toMatch(/^Reconnecting \(attempt 3\) — data stale since \d\d:\d\d:\d\d$/);
    expect(bannerFor({ ...base, phase: 'refused', reason: 'invalid token' }, 0)?.text).toMatch(
      /invalid token/,
    );
  });
});

describe('page parameters', () => {
  it('reads wall, zone, cycling and token from the URL', () => {
    expect(readPageParams({ pathname: '/wall', search: '?site=DC1&zone=F&token=t' })).toMatchObject({
      mode: 'wall',
      zone: 'F',
      token: 't',
      site: 'DC1',
      cycle: [],
    });
    expect(readPageParams({ pathname: '/', search: '?mode=wall&cycle=all&every=2' })).toMatchObject({
      mode: 'wall',
      cycle: 'all',
      cycleSeconds: 30,
    });
    expect(readPageParams({ pathname: '/', search: '' }, 'stored')).toMatchObject({
      mode: 'floor',
      token: 'stored',
    });
    expect(readPageParams({ pathname: '/bench', search: '?bins=5000' })).toMatchObject({
      mode: 'bench',
      benchBins: 5000,
    });
  });
});
