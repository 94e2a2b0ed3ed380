import { describe, expect, it } from 'vitest';
import type { FeedEntry } from '../model/alertFeed.ts';
import { AlertFeedView } from './alertFeedView.ts';

const entry = (id: string, severity: FeedEntry['alert']['severity'], message: string): FeedEntry => ({
  key: id,
  change: 'raised',
  alert: { id, kind: 'count.posted', severity, message, since: 3_600_000 },
});

describe('alert feed panel', () => {
  const entries = [
    entry('A1', 'info', 'count.posted: F-01-01-A 0 system 0, variance 0'),
    entry('A2', 'warning', 'pick face F-01-02-A is empty'),
    entry('A3', 'error', 'variance at R-01-01-A'),
  ];

  it('draws every entry on the floor view', () => {
    const view = new AlertFeedView('Alerts and events', null);
    view.render(entries, 3);
    expect(view.el.querySelectorAll('li')).toHaveLength(3);
  });

  it('leaves out what its filter hides (the wall screen: info-level routine events), count unchanged', () => {
    const view = new AlertFeedView('Alerts', null, (e) => e.alert.severity === 'info');
    view.render(entries, 3);
    const shown = [...view.el.querySelectorAll('li')].map((li) => li.getAttribute('title'));
    expect(shown).toEqual(['A2', 'A3']);
    expect(view.el.querySelector('.feed-count')!.textContent).toBe('3 open');
  });
});
