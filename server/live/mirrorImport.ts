import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { ImportProblem, OpeningLine } from '../../sim/mirrorApi.ts';

/** The import files of a mirrored site. */
export interface MirrorFiles {
  layout: string;
  items: string;
  stock: string;
  /** Open POs/ASNs (JSON: a list of `{po, asn?, supplier?, lines: [{sku, lot?, qty}]}` or `{orders: [...]}`). */
  orders?: string;
}

/** What was read: the raw layout and item list (validated by the scenario schema), opening stock. */
export interface MirrorInput {
  layout: unknown;
  items: unknown;
  stock: OpeningLine[];
  /** Where stock record i came from, for messages (`file:line` or `file: [i]`). */
  stockAt: string[];
  /** The open purchase orders as read (checked by the sim side), empty without `--orders`. */
  orders: unknown[];
}

/** Import problems, every one as `file:line: message` (CSV) or `file: path: message` (JSON). */
export class MirrorImportError extends Error {
  override readonly name = 'MirrorImportError';
  /** Builds the error from its formatted problems. */
  constructor(readonly problems: string[]) {
    super(
      `mirror import refused (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  ${problems.join('\n  ')}`,
    );
  }
}

/**
 * Reads the layout and item master (JSON: the scenario's list forms) and the opening stock (CSV
 * with a header `bin,sku,lot,qty[,status]`, or a JSON array of such objects). Syntax problems
 * of every file are collected and thrown together; nothing is imported half.
 */
export function readMirrorFiles(f: MirrorFiles): MirrorInput {
  const problems: string[] = [];
  const json = (file: string): unknown => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as unknown;
    } catch (err) {
      problems.push(`${file}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  };
  for (const [what, file] of [
    ['layout', f.layout],
    ['items', f.items],
  ] as const)
    if (extname(file).toLowerCase() !== '.json')
      problems.push(`${file}: the ${what} is read from JSON (the scenario's list form); CSV is for --stock`);
  const layout = json(f.layout);
  const itemsRaw = json(f.items);
  const items =
    itemsRaw !== null && typeof itemsRaw === 'object' && !Array.isArray(itemsRaw) && 'list' in itemsRaw
      ? (itemsRaw as { list: unknown }).list
      : itemsRaw;
  const stock: OpeningLine[] = [];
  const stockAt: string[] = [];
  let text = '';
  try {
    text = readFileSync(f.stock, 'utf8');
  } catch (err) {
    problems.push(`${f.stock}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (text && extname(f.stock).toLowerCase() === '.csv')
    readStockCsv(f.stock, text, stock, stockAt, problems);
  else if (text) {
    let rows: unknown;
    try {
      rows = JSON.parse(text);
    } catch (err) {
      problems.push(`${f.stock}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (rows !== undefined && !Array.isArray(rows)) problems.push(`${f.stock}: /: an array of stock records`);
    if (Array.isArray(rows))
      rows.forEach((r: unknown, i) => {
        const o = (r ?? {}) as Record<string, unknown>;
        const at = `${f.stock}: [${i}]`;
        const line = toLine(o['bin'], o['sku'], o['lot'] ?? '', o['qty'], o['status'] ?? 'available');
        if (typeof line === 'string') problems.push(`${at}: ${line}`);
        else {
          stock.push(line);
          stockAt.push(at);
        }
      });
  }
  let orders: unknown[] = [];
  if (f.orders !== undefined) {
    if (extname(f.orders).toLowerCase() !== '.json')
      problems.push(`${f.orders}: purchase orders are read from JSON`);
    const o = json(f.orders);
    const list =
      o !== null && typeof o === 'object' && !Array.isArray(o) && 'orders' in o
        ? (o as { orders: unknown }).orders
        : o;
    if (o !== undefined && !Array.isArray(list)) problems.push(`${f.orders}: /: a list of purchase orders`);
    else if (Array.isArray(list)) orders = list;
  }
  if (problems.length > 0) throw new MirrorImportError(problems);
  return { layout, items, stock, stockAt, orders };
}

/** Formats the import problems found by the sim side (schema and opening stock) with their files. */
export function formatImportProblems(f: MirrorFiles, stockAt: string[], ps: ImportProblem[]): string[] {
  return ps.map((p) =>
    p.input === 'stock'
      ? `${stockAt[Number(p.at)] ?? f.stock}: ${p.message}`
      : p.input === 'orders'
        ? `${f.orders ?? 'orders'}: ${p.message}`
        : `${p.input === 'layout' ? f.layout : f.items}: ${String(p.at)}: ${p.message}`,
  );
}

function readStockCsv(
  file: string,
  text: string,
  out: OpeningLine[],
  at: string[],
  problems: string[],
): void {
  const lines = text.split(/\r?\n/);
  const head = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const col = (n: string): number => head.indexOf(n);
  const missing = ['bin', 'sku', 'qty'].filter((n) => col(n) < 0);
  if (missing.length > 0) {
    problems.push(
      `${file}:1: the header needs bin, sku, qty (and may have lot, status); missing ${missing.join(', ')}`,
    );
    return;
  }
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const cells = raw.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    if (cells.length !== head.length) {
      problems.push(`${file}:${i + 1}: ${cells.length} fields, the header has ${head.length}`);
      continue;
    }
    const get = (n: string): string | undefined => (col(n) < 0 ? undefined : cells[col(n)]);
    const qty = get('qty')!;
    const line = toLine(
      get('bin'),
      get('sku'),
      get('lot') ?? '',
      /^\d+$/.test(qty) ? Number(qty) : qty,
      get('status') || 'available',
    );
    if (typeof line === 'string') problems.push(`${file}:${i + 1}: ${line}`);
    else {
      out.push(line);
      at.push(`${file}:${i + 1}`);
    }
  }
}

function toLine(
  bin: unknown,
  sku: unknown,
  lot: unknown,
  qty: unknown,
  status: unknown,
): OpeningLine | string {
  if (typeof bin !== 'string' || bin === '') return 'bin: a bin code is required';
  if (typeof sku !== 'string' || sku === '') return 'sku: an item code is required';
  if (typeof lot !== 'string') return 'lot: text or empty';
  if (typeof qty !== 'number') return `qty: a whole number, got ${JSON.stringify(qty)}`;
  if (typeof status !== 'string') return 'status: text';
  return { bin, sku, lot, qty, status: status as OpeningLine['status'] };
}
