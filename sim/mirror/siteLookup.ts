import type { World } from '../engine/world.ts';
import type { Item } from '../items/types.ts';
import { epcKeys } from './epcIdentifiers.ts';

/** An item master hit for a GTIN: the item and the base units in one of that packaging level. */
export interface GtinHit {
  item: Item;
  uom: string;
  factor: number;
}

const gtinCache = new WeakMap<object, Map<string, GtinHit>>();

/** The item and packaging level a GTIN-14 (or a shorter GTIN, zero-padded) belongs to. */
export function itemByGtin(w: World, gtin: string): GtinHit | undefined {
  let m = gtinCache.get(w.site);
  if (!m) {
    m = new Map();
    for (const item of w.site.items)
      for (const u of item.uoms) m.set(u.gtin, { item, uom: u.uom, factor: u.factor });
    gtinCache.set(w.site, m);
  }
  return m.get(gtin.padStart(14, '0'));
}

/** Equipment locations (`MHE-fork-01`): stock on a forklift between two bins. */
const EQUIPMENT = /^MHE-[A-Za-z0-9-]+$/;
/** A transfer's staging and transit locations of a network site (sim/flows/transfers/transferState.ts). */
const TRANSFER_LOCATION = /^(?:STAGE|TRANSIT)-[A-Za-z0-9-]+$/;

/** Whether a location code is a bin of the layout or a piece of handling equipment. */
export function isKnownLocation(w: World, code: string): boolean {
  return w.site.binIndex.has(code) || EQUIPMENT.test(code) || TRANSFER_LOCATION.test(code);
}

/**
 * The bin a location identifier names: a bare bin code, an SGLN / GLN Digital Link whose
 * extension (AI 254) is the bin code, or any URI ending in `/bin/<code>`. Undefined when it
 * names no location of this site.
 */
export function binOf(w: World, id: string): string | undefined {
  if (isKnownLocation(w, id)) return id;
  const ext = epcKeys(id).glnExtension;
  if (ext !== undefined && isKnownLocation(w, ext)) return ext;
  const m = /\/bin\/([^/?#]+)$/.exec(id);
  if (m) {
    const code = decodeURIComponent(m[1]!);
    if (isKnownLocation(w, code)) return code;
  }
  return undefined;
}
