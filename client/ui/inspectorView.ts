import { kindLabel, simClock } from '../model/alertFeed.ts';
import type { BinInspectorModel } from '../model/binInspector.ts';
import type { WorkerAction } from '../model/workerMarkers.ts';
import { h, setChildren } from './dom.ts';

/** What the worker inspector shows. */
export interface WorkerInspectorModel {
  id: string;
  role: string;
  device: string;
  task: string | null;
  moving: boolean;
  x: number;
  y: number;
  actions: WorkerAction[];
}

/** The side panel that shows a clicked bin or worker. */
export class InspectorView {
  /** The panel element. */
  readonly el: HTMLElement;
  private readonly body: HTMLElement;

  constructor(onClose: () => void) {
    this.body = h('div', { class: 'inspector-body' });
    this.el = h(
      'aside',
      { class: 'inspector', hidden: true, 'aria-label': 'Inspector' },
      h('button', { class: 'inspector-close', type: 'button', 'aria-label': 'Close', onclick: onClose }, '×'),
      this.body,
    );
  }

  /** Hides the panel. */
  close(): void {
    this.el.hidden = true;
    delete this.el.dataset['bin'];
    delete this.el.dataset['worker'];
  }

  /** Shows a bin: flags, totals, the two ledgers side by side, journal, tasks, alerts. */
  showBin(m: BinInspectorModel): void {
    this.el.hidden = false;
    delete this.el.dataset['worker'];
    this.el.dataset['bin'] = m.code;
    const ledger =
      m.ledger.length === 0
        ? h('p', { class: 'muted' }, m.detailNote ?? 'No stock records.')
        : h(
            'table',
            { class: 'ledger' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', {}, 'SKU'),
                h('th', {}, 'Lot'),
                h('th', {}, 'Status'),
                h('th', {}, 'System'),
                h('th', {}, 'Physical'),
              ),
            ),
            h(
              'tbody',
              {},
              ...m.ledger.map((r) =>
                h(
                  'tr',
                  { class: r.differs ? 'differs' : '' },
                  h('td', {}, r.sku),
                  h('td', {}, r.lot || '—'),
                  h('td', {}, r.status),
                  h('td', { class: 'num' }, String(r.system)),
                  h('td', { class: 'num' }, String(r.physical)),
                ),
              ),
            ),
          );
    const differs = m.systemQty !== m.physicalQty;
    setChildren(
      this.body,
      h('h2', {}, m.code),
      h('p', { class: 'muted' }, `${m.zone} · ${m.type} · fill ${m.fillPercent}%`),
      h('p', { class: 'flags' }, ...m.flags.map((f) => h('span', { class: `flag flag-${f}` }, f))),
      h(
        'dl',
        { class: 'totals' },
        h('dt', {}, 'System'),
        h('dd', { 'data-field': 'system' }, String(m.systemQty)),
        h('dt', {}, 'Physical'),
        h('dd', { 'data-field': 'physical', class: differs ? 'differs' : '' }, String(m.physicalQty)),
      ),
      h('h3', {}, 'Ledgers by SKU / lot / status'),
      ledger,
      h('h3', {}, 'Recent journal events'),
      m.journal.length === 0
        ? h('p', { class: 'muted' }, m.detailNote ?? 'None recorded.')
        : h(
            'ul',
            { class: 'journal' },
            ...m.journal.map((j) =>
              h(
                'li',
                {},
                `${simClock(j.t)} ${kindLabel(j.type)} ${j.sku ?? ''} ${j.qty ?? ''} ${j.actor?.worker ?? ''}`.trim(),
              ),
            ),
          ),
      h('h3', {}, 'Open tasks'),
      m.tasks.length === 0
        ? h('p', { class: 'muted' }, m.detailNote ?? 'None.')
        : h(
            'ul',
            {},
            ...m.tasks.map((t) =>
              h(
                'li',
                {},
                `${t.kind} ${t.id}${t.worker ? ` → ${t.worker}` : ''}${t.state ? ` (${t.state})` : ''}`,
              ),
            ),
          ),
      h('h3', {}, 'Alerts and events here'),
      m.events.length === 0
        ? h('p', { class: 'muted' }, 'None since this screen connected.')
        : h(
            'ul',
            {},
            ...m.events.map((e) =>
              h('li', { class: `sev-${e.alert.severity}` }, `${simClock(e.alert.since)} ${e.alert.message}`),
            ),
          ),
    );
  }

  /** Shows a worker: role, current task, recent actions. */
  showWorker(m: WorkerInspectorModel): void {
    this.el.hidden = false;
    delete this.el.dataset['bin'];
    this.el.dataset['worker'] = m.id;
    setChildren(
      this.body,
      h('h2', {}, m.id),
      h(
        'dl',
        { class: 'totals' },
        h('dt', {}, 'Role'),
        h('dd', {}, m.role),
        h('dt', {}, 'Device'),
        h('dd', {}, m.device),
        h('dt', {}, 'Task'),
        h('dd', {}, m.task ?? 'idle'),
        h('dt', {}, 'State'),
        h('dd', {}, m.moving ? 'travelling' : m.task ? 'working' : 'waiting'),
        h('dt', {}, 'Position'),
        h('dd', {}, `${m.x.toFixed(1)}, ${m.y.toFixed(1)} m`),
      ),
      h('h3', {}, 'Recent actions'),
      m.actions.length === 0
        ? h('p', { class: 'muted' }, 'None seen since this screen connected.')
        : h('ul', {}, ...m.actions.map((a) => h('li', {}, `${simClock(a.simTime)} ${a.text}`))),
    );
  }
}
