import type { NetworkView } from '../../sim/viewApi.ts';
import { laneText, networkFigures, siteHref, siteTransit, unitsValue } from '../network/networkModel.ts';
import { h } from './dom.ts';

/**
 * The floor view's network strip on a network run: which site this is, a switcher to the other
 * sites' floor views, a link to the overview, and this site's goods in transit (out and in, by
 * lane) with the network KPIs. Hidden on a single-site run.
 */
export class SiteBar {
  readonly el = h('div', { class: 'site-bar', 'data-testid': 'site-bar', hidden: true });
  private readonly select = h('select', {
    'aria-label': 'Site',
    'data-testid': 'site-switcher',
    onchange: () => window.location.assign(siteHref(this.select.value, window.location)),
  });
  private readonly transit = h('div', { class: 'site-transit', 'data-testid': 'site-transit' });
  private site: string | null = null;
  /** The last overview heard, drawn once the site is known (it may arrive before the welcome). */
  private last: NetworkView | null = null;

  /** The sites the server serves and the one watched (null: the one asked for is not served). */
  setSites(sites: readonly string[], site: string | null, asked: string | null): void {
    this.site = site;
    if (sites.length < 2) {
      this.el.hidden = true;
      return;
    }
    this.el.hidden = false;
    this.select.replaceChildren(
      ...(site === null ? [h('option', { value: '', selected: true }, `unknown site ${asked ?? ''}`)] : []),
      ...sites.map((s) => h('option', { value: s, selected: s === site }, s)),
    );
    this.el.replaceChildren(
      h('label', {}, 'Site ', this.select),
      h('a', { href: '/network', class: 'to-network' }, 'Network overview'),
      site === null
        ? h(
            'span',
            { class: 'site-missing', role: 'alert' },
            `This run has no site "${asked ?? ''}": pick one of ${sites.join(', ')}.`,
          )
        : this.transit,
    );
    if (this.last) this.render(this.last);
  }

  /**
   * Redraws this site's transit and the network KPIs from an overview: each `network.overview`
   * the floor view's socket hears in the network room (auth.overview), about once a second.
   */
  render(v: NetworkView): void {
    this.last = v;
    const t = this.site === null ? null : siteTransit(v, this.site);
    if (!t) return;
    const busy = [...t.outgoing, ...t.incoming].filter((l) => l.transfers > 0);
    const net = networkFigures(v.kpis).filter((f) => f.id !== 'transfers');
    this.transit.replaceChildren(
      h('span', { 'data-fig': 'out' }, `In transit out: ${unitsValue(t.tile.inTransitOut)}`),
      h('span', { 'data-fig': 'in' }, `In transit in: ${unitsValue(t.tile.inTransitIn)}`),
      h(
        'span',
        { class: 'lanes', title: busy.map(laneText).join('\n') || 'nothing on the road' },
        `${busy.length} busy lane${busy.length === 1 ? '' : 's'}`,
      ),
      ...net.map((f) => h('span', { class: 'net', 'data-kpi': f.id }, `${f.label}: ${f.text}`)),
    );
  }
}
