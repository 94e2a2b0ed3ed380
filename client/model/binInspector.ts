import { BIN_TYPES, binFlagNames, fillRatio, type ViewState } from '../../sim/view/viewState.ts';
import type { FeedEntry } from './alertFeed.ts';

/** One stock record line of a ledger (what the server's bin detail endpoint returns). */
export interface StockLine {
  sku: string;
  lot?: string | null;
  status: string;
  qty: number;
}

/** A journal event as the detail endpoint returns it (a subset of the journal's fields). */
export interface JournalLine {
  seq: number;
  t: number;
  type: string;
  sku?: string;
  lot?: string;
  qty?: number;
  uom?: string;
  actor?: { worker: string; role: string };
}

/** An open task touching the bin. */
export interface TaskLine {
  id: string;
  kind: string;
  worker?: string | null;
  state?: string;
}

/**
 * What `GET /api/bins/:code` is expected to return (see client/NOTES-for-server.md); every
 * field optional so a partial answer still shows what it has.
 */
export interface BinDetail {
  code: string;
  system?: StockLine[];
  physical?: StockLine[];
  journal?: JournalLine[];
  tasks?: TaskLine[];
}

/** The inspector's content for one bin. */
export interface BinInspectorModel {
  code: string;
  zone: string;
  type: string;
  flags: string[];
  fillPercent: number;
  systemQty: number;
  physicalQty: number;
  /** Rows for the two-ledger table: sku/lot/status with both quantities, differing rows marked. */
  ledger: { sku: string; lot: string; status: string; system: number; physical: number; differs: boolean }[];
  journal: JournalLine[];
  tasks: TaskLine[];
  /** Feed entries about this bin (alerts, counts), newest first. */
  events: FeedEntry[];
  /** Why detail is missing, when it is. */
  detailNote: string | null;
}

/** Builds the inspector for a bin row from the view, the optional fetched detail and feed entries. */
export function inspectBin(
  view: ViewState,
  row: number,
  detail: BinDetail | null,
  events: FeedEntry[],
  detailNote: string | null = null,
): BinInspectorModel {
  const b = view.bins;
  const code = b.code[row] ?? '?';
  return {
    code,
    zone: view.zones[b.zone[row]!]?.name ?? '?',
    type: BIN_TYPES[b.type[row]!] ?? '?',
    flags: binFlagNames(b.status[row] ?? 0),
    fillPercent: Math.round(fillRatio(b.fill[row] ?? 0) * 100),
    systemQty: b.systemQty[row] ?? 0,
    physicalQty: b.physicalQty[row] ?? 0,
    ledger: mergeLedgers(detail?.system ?? [], detail?.physical ?? []),
    journal: [...(detail?.journal ?? [])].sort((x, y) => y.seq - x.seq).slice(0, 15),
    tasks: detail?.tasks ?? [],
    events: events.slice(0, 10),
    detailNote,
  };
}

/** Joins the two ledgers on (sku, lot, status); a record missing on one side counts as 0 there. */
export function mergeLedgers(system: StockLine[], physical: StockLine[]): BinInspectorModel['ledger'] {
  const rows = new Map<string, BinInspectorModel['ledger'][number]>();
  const key = (l: StockLine): string => `${l.sku}\u0000${l.lot ?? ''}\u0000${l.status}`;
  const row = (l: StockLine): BinInspectorModel['ledger'][number] => {
    let r = rows.get(key(l));
    if (!r) {
      r = { sku: l.sku, lot: l.lot ?? '', status: l.status, system: 0, physical: 0, differs: false };
      rows.set(key(l), r);
    }
    return r;
  };
  for (const l of system) row(l).system += l.qty;
  for (const l of physical) row(l).physical += l.qty;
  const out = [...rows.values()];
  for (const r of out) r.differs = r.system !== r.physical;
  return out.sort((a, b) => (a.sku + a.lot + a.status < b.sku + b.lot + b.status ? -1 : 1));
}
