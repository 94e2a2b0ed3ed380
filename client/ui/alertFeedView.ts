import { kindLabel, simClock, type FeedEntry } from '../model/alertFeed.ts';
import { h, setChildren } from './dom.ts';

/** Entries drawn: older ones stay in the model for the inspector but are not worth the DOM. */
const SHOWN = 40;

/** The alert feed panel: newest first, coloured by severity; a click on an entry with a bin selects it. */
export class AlertFeedView {
  /** The panel element. */
  readonly el: HTMLElement;
  private readonly list: HTMLElement;
  private readonly count: HTMLElement;

  constructor(
    title: string,
    private readonly onBin: ((code: string) => void) | null,
    /** Entries kept in the model but not drawn (the wall screen leaves routine events out). */
    private readonly hidden: (e: FeedEntry) => boolean = () => false,
  ) {
    this.count = h('span', { class: 'feed-count' });
    this.list = h('ol', { class: 'feed-list' });
    this.el = h(
      'section',
      { class: 'feed', 'aria-label': title },
      h('h2', {}, title, ' ', this.count),
      this.list,
    );
  }

  /** Redraws the feed; `openCount` is the number of open alerts in the view. */
  render(entries: readonly FeedEntry[], openCount: number): void {
    this.count.textContent = `${openCount} open`;
    const items = entries
      .filter((e) => !this.hidden(e))
      .slice(0, SHOWN)
      .map((e) => {
        const bin = e.alert.bin;
        const li = h(
          'li',
          { class: `sev-${e.alert.severity} change-${e.change}`, title: e.alert.id },
          h('time', {}, simClock(e.alert.since)),
          h('span', { class: 'feed-kind' }, e.change === 'cleared' ? 'cleared' : kindLabel(e.alert.kind)),
          h('span', { class: 'feed-msg' }, e.alert.message),
        );
        if (bin && this.onBin) {
          const go = this.onBin;
          li.classList.add('clickable');
          li.addEventListener('click', () => go(bin));
        }
        return li;
      });
    setChildren(this.list, ...items);
  }
}
