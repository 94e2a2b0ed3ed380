import type { Banner } from '../model/linkStatus.ts';
import { h } from './dom.ts';

/** The connection banner across the top: hidden while live, impossible to miss otherwise. */
export class BannerView {
  /** The banner element. */
  readonly el = h('div', { class: 'banner', role: 'status', 'aria-live': 'polite', hidden: true });

  /** Shows a banner, or hides it for null. */
  render(b: Banner | null): void {
    if (!b) {
      if (!this.el.hidden) this.el.hidden = true;
      return;
    }
    this.el.hidden = false;
    this.el.dataset['tone'] = b.tone;
    if (this.el.textContent !== b.text) this.el.textContent = b.text;
  }
}
