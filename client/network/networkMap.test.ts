import { describe, expect, it } from 'vitest';
import type { NetworkView } from '../../sim/viewApi.ts';
import { mapLayout } from './networkMap.ts';
import { laneText, siteHref, siteTransit, tileFigures } from './networkModel.ts';

const tile = (id: string, role: 'dc' | 'branch'): NetworkView['sites'][number] => ({
  id,
  role,
  description: '',
  ira: 0.97,
  lineFill: null,
  backlog: 3,
  ordersShipped: 10,
  transfersShipped: 0,
  transfersReceived: 0,
  inTransitOut: { units: 0, value: 0 },
  inTransitIn: { units: 12, value: 340.5 },
});
const view: NetworkView = {
  network: 'n',
  simTime: 0,
  sites: [tile('DC1', 'dc'), tile('BR1', 'branch'), tile('BR2', 'branch')],
  lanes: [
    { from: 'DC1', to: 'BR1', transfers: 2, units: 12, value: 340.5, nextEta: 9 * 3_600_000 },
    { from: 'DC1', to: 'BR2', transfers: 0, units: 0, value: 0, nextEta: null },
  ],
  kpis: {} as NetworkView['kpis'],
};

describe('network overview model', () => {
  it('puts DCs left and branches right, spread over the height; busy lanes are marked', () => {
    const { nodes, edges } = mapLayout(view, 600, 300);
    expect(nodes.map((n) => [n.id, n.x, n.y])).toEqual([
      ['DC1', 120, 150],
      ['BR1', 480, 100],
      ['BR2', 480, 200],
    ]);
    expect(edges.map((e) => [e.to.id, e.busy, e.label])).toEqual([
      ['BR1', true, '12 u'],
      ['BR2', false, ''],
    ]);
  });

  it('words a lane with its shipments and next arrival, and an empty one as empty', () => {
    expect(laneText(view.lanes[0]!)).toBe('DC1 → BR1: 2 shipments, 12 u · 341, next arrives d0 09:00');
    expect(laneText(view.lanes[1]!)).toBe('DC1 → BR2: nothing on the road');
  });

  it("a site's transit: its tile and the lanes leaving and reaching it", () => {
    const t = siteTransit(view, 'BR1')!;
    expect(t.incoming.map((l) => l.from)).toEqual(['DC1']);
    expect(t.outgoing).toEqual([]);
    expect(siteTransit(view, 'NOPE')).toBeNull();
    expect(tileFigures(t.tile).find((f) => f.id === 'in')!.text).toBe('12 u · 341');
    expect(tileFigures(t.tile).find((f) => f.id === 'ira')!.text).toBe('97.0%');
  });

  it('links to a site from the overview, and from a wall screen keeps the wall but drops its zones', () => {
    expect(siteHref('BR 1')).toBe('/?site=BR+1');
    expect(siteHref('BR2', { pathname: '/wall', search: '?site=BR1&zone=F&cycle=all&token=t' })).toBe(
      '/wall?site=BR2&token=t',
    );
  });
});
