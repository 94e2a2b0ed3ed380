import type { ForecastResult } from '../../sim/view/protocol.ts';
import { forecastText } from '../model/forecastText.ts';
import { h, setChildren } from './dom.ts';

/** The wall screen's forecast tile: the latest forecast's headline and backlog, hidden until one exists. */
export class ForecastTile {
  /** The tile, styled like a KPI tile. */
  readonly el = h('div', { class: 'kpi forecast-tile', hidden: true, 'data-testid': 'forecast-tile' });

  /** Shows a finished forecast. */
  show(f: ForecastResult): void {
    const t = forecastText(f);
    this.el.hidden = false;
    this.el.dataset['tone'] = t.tone;
    setChildren(
      this.el,
      h('div', { class: 'kpi-label' }, 'Forecast'),
      h('div', { class: 'kpi-value' }, t.headline),
      h('div', { class: 'forecast-line' }, t.lines[0] ?? ''),
    );
  }
}
