import {
  BIN_TYPES,
  binFlagNames,
  fillRatio,
  type BinDetailResponse,
  type BinStockResponseLine,
  type ViewState,
} from '../../sim/viewApi.ts';
import type { FeedEntry } from './alertFeed.ts';

/** One stock record line of a ledger (what the server's bin detail endpoint returns). */
export type StockLine = BinStockResponseLine;

/** A journal event as the detail endpoint returns it (a subset of the journal's fields). */
export type JournalLine = BinDetailResponse['journal'][number];

/** An open task touching the bin. */
export type TaskLine = BinDetailResponse['tasks'][number];

/** What `GET /api/bins/:code` returns: the server's own response type, shared through sim/viewApi.ts. */
export type BinDetail = BinDetailResponse;

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
