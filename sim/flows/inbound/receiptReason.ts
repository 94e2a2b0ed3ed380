import type { Receipt } from './inboundState.ts';

/** POs, supplier and ASN of a receipt, for journal events (DocRefs has no fields for them yet). */
export function receiptReason(r: Receipt): string {
  return `po:${r.pos.map((p) => p.po).join(',')} supplier:${r.supplier}${r.asn ? ` asn:${r.asn}` : ''}`;
}
