import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { KpiHistory, TileModel } from '../model/kpiBoard.ts';
import { h } from './dom.ts';

const TONE_COLOUR = { good: '#3fb950', warn: '#f0a030', bad: '#e5484d' } as const;

/**
 * KPI tiles with a uPlot sparkline each. Tiles are created once and updated in place: the
 * number text every view, the sparkline only when the history took a new sample.
 */
export class KpiTilesView {
  /** The tile strip element. */
  readonly el: HTMLElement;
  private readonly tiles = new Map<
    string,
    { root: HTMLElement; value: HTMLElement; label: HTMLElement; plot: uPlot | null; spark: HTMLElement }
  >();

  constructor(private readonly large: boolean) {
    this.el = h('section', {
      class: `kpis${large ? ' kpis-large' : ''}`,
      'aria-label': 'Key performance indicators',
    });
  }

  /** Updates the tiles' values; redraws sparklines from `history` when `sampled`. */
  render(models: readonly TileModel[], history: KpiHistory, sampled: boolean): void {
    for (const m of models) {
      let t = this.tiles.get(m.id);
      if (!t) {
        const value = h('div', { class: 'kpi-value' });
        const label = h('div', { class: 'kpi-label' });
        const spark = h('div', { class: 'kpi-spark' });
        const root = h('div', { class: 'kpi', 'data-kpi': m.id }, label, value, spark);
        this.el.append(root);
        t = { root, value, label, plot: null, spark };
        this.tiles.set(m.id, t);
      }
      if (t.value.textContent !== m.text) t.value.textContent = m.text;
      if (t.label.textContent !== m.label) t.label.textContent = m.label;
      t.root.dataset['tone'] = m.tone ?? '';
      if (sampled) this.drawSpark(t, m, history);
    }
  }

  private drawSpark(t: { plot: uPlot | null; spark: HTMLElement }, m: TileModel, history: KpiHistory): void {
    const data = history.series(m.id);
    if (data[0].length < 2) return;
    const width = Math.max(60, t.spark.clientWidth || (this.large ? 220 : 140));
    const height = this.large ? 48 : 28;
    if (!t.plot) {
      const stroke = m.tone ? TONE_COLOUR[m.tone] : '#58a6ff';
      t.plot = new uPlot(
        {
          width,
          height,
          legend: { show: false },
          cursor: { show: false },
          select: { show: false, left: 0, top: 0, width: 0, height: 0 },
          axes: [{ show: false }, { show: false }],
          scales: { x: { time: false } },
          series: [{}, { stroke, width: 2, fill: stroke + '22', spanGaps: true, points: { show: false } }],
        },
        data as uPlot.AlignedData,
        t.spark,
      );
    } else {
      t.plot.setData(data as uPlot.AlignedData);
    }
  }
}
