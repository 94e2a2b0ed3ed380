/**
 * Every document kind with a human number, and how its number is written: prefix and digits.
 * The journal, the inspector and any report format ids through `docCode`, so the same task is
 * never `PA0000012` in one place and `PA00000012` in another. Changing a width changes journals.
 */
export const DOC_CODES = {
  order: { prefix: 'SO', digits: 7 },
  pickTask: { prefix: 'PT', digits: 8 },
  tour: { prefix: 'TR', digits: 7 },
  wave: { prefix: 'WV', digits: 5 },
  receipt: { prefix: 'RC', digits: 7 },
  purchaseOrder: { prefix: 'PO', digits: 7 },
  asn: { prefix: 'ASN', digits: 7 },
  putaway: { prefix: 'PA', digits: 8 },
  replenishment: { prefix: 'RP', digits: 7 },
  count: { prefix: 'CC', digits: 7 },
  adjustment: { prefix: 'AD', digits: 7 },
  rma: { prefix: 'RMA', digits: 7 },
  crossDock: { prefix: 'XD', digits: 7 },
  transfer: { prefix: 'TO', digits: 7 },
} as const;

/** A document kind with a human number. */
export type DocKind = keyof typeof DOC_CODES;

/** The human number of document `id` of a kind, e.g. `docCode('putaway', 12)` = `PA00000012`. */
export function docCode(kind: DocKind, id: number | string): string {
  const { prefix, digits } = DOC_CODES[kind];
  return `${prefix}${String(id).padStart(digits, '0')}`;
}
