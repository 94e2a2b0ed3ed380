import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NetworkView } from '../../sim/viewApi.ts';
import { SiteBar } from './siteBar.ts';

const kpis = {
  sites: 2,
  inTransitUnits: 30,
  inTransitValue: 900,
  inTransitPhysicalUnits: 30,
  onTheRoad: { transfers: 1, units: 30, value: 900 },
  transfersShipped: 4,
  transfersReceived: 3,
  transferLeadTimeHours: { mean: 8.5, p50: 7, p95: 16.25 },
  transferDiscrepancyRate: 0.125,
  discrepancies: { short: 1 },
  networkIra: 0.9712,
};
const zero = { units: 0, value: 0 };
const view: NetworkView = {
  network: 'n',
  simTime: 1,
  sites: [
    {
      id: 'DC1',
      role: 'dc',
      description: '',
      ira: 1,
      lineFill: 1,
      backlog: 0,
      ordersShipped: 0,
      transfersShipped: 4,
      transfersReceived: 0,
      inTransitOut: { units: 30, value: 900 },
      inTransitIn: zero,
    },
    {
      id: 'BR1',
      role: 'branch',
      description: '',
      ira: 1,
      lineFill: 1,
      backlog: 0,
      ordersShipped: 0,
      transfersShipped: 0,
      transfersReceived: 3,
      inTransitOut: zero,
      inTransitIn: { units: 30, value: 900 },
    },
  ],
  lanes: [{ from: 'DC1', to: 'BR1', transfers: 1, units: 30, value: 900, nextEta: 5 }],
  kpis,
};

describe('SiteBar (the floor view network strip)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('stays hidden on a single-site run and does not poll', () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const bar = new SiteBar();
    bar.setSites(['DC'], 'DC', null);
    expect(bar.el.hidden).toBe(true);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('on a network: the switcher selects this site, the strip shows its transit in and the network KPIs', () => {
    vi.stubGlobal('fetch', () => new Promise(() => {}));
    const bar = new SiteBar();
    bar.setSites(['DC1', 'BR1'], 'BR1', 'BR1');
    expect(bar.el.hidden).toBe(false);
    const select = bar.el.querySelector('select')!;
    expect([...select.options].map((o) => o.value)).toEqual(['DC1', 'BR1']);
    expect(select.value).toBe('BR1');
    expect(bar.el.querySelector('a')!.getAttribute('href')).toBe('/network');
    bar.render(view);
    const text = bar.el.querySelector('[data-testid="site-transit"]')!.textContent!;
    expect(text).toContain('In transit in: 30 u · 900');
    expect(text).toContain('In transit out: 0 u · 0');
    expect(text).toContain('1 busy lane');
    expect(text).toContain('Network IRA: 97.1%');
    expect(text).toContain('Transfer discrepancy rate: 12.5%');
  });

  it('never polls /api/network: an overview heard before the welcome is drawn once the site is known', () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const bar = new SiteBar();
    bar.render(view); // the socket's network room can be heard before the site is known
    bar.setSites(['DC1', 'BR1'], 'DC1', 'DC1');
    const text = bar.el.querySelector('[data-testid="site-transit"]')!.textContent!;
    expect(text).toContain('In transit out: 30 u · 900');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('names a site the run does not have and lists the sites', () => {
    vi.stubGlobal('fetch', vi.fn());
    const bar = new SiteBar();
    bar.setSites(['DC1', 'BR1'], null, 'NOPE');
    expect(bar.el.querySelector('.site-missing')!.textContent).toBe(
      'This run has no site "NOPE": pick one of DC1, BR1.',
    );
  });
});
