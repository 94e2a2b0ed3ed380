import { LAYER_INFO, LAYERS, type LayerId } from '../model/binLayers.ts';
import { css } from '../model/palette.ts';
import { h, setChildren } from './dom.ts';

/** Layer buttons and the legend of the chosen layer. */
export class LayerPicker {
  /** The picker element. */
  readonly el = h('section', { class: 'layers', 'aria-label': 'Bin layers' });
  private readonly buttons = h('div', { class: 'layer-buttons', role: 'radiogroup' });
  private readonly legend = h('ul', { class: 'legend' });

  constructor(private readonly onPick: (layer: LayerId) => void) {
    this.el.append(this.buttons, this.legend);
  }

  /** Draws the buttons with `current` chosen, and its legend. */
  render(current: LayerId): void {
    setChildren(
      this.buttons,
      ...LAYERS.map((id) =>
        h(
          'button',
          {
            type: 'button',
            role: 'radio',
            'aria-checked': String(id === current),
            'data-layer': id,
            onclick: () => {
              this.onPick(id);
              this.render(id);
            },
          },
          LAYER_INFO[id].label,
        ),
      ),
    );
    setChildren(
      this.legend,
      ...LAYER_INFO[current].legend.map((e) =>
        h('li', {}, h('i', { style: `background:${css(e.colour)}` }), e.label),
      ),
    );
  }
}
