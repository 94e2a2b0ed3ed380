import type { JournalEvent } from './journalEvent.ts';
import type { LedgerShape } from './transactionSpec.ts';

/**
 * What the system ledger's fold does with an event, read from the fields it folds: nothing
 * without a base quantity and SKU, else stock in (statusTo only), out (statusFrom only), to
 * another bin, or to another status in the same bin.
 */
export function ledgerShape(
  e: Pick<JournalEvent, 'baseQty' | 'sku' | 'bin' | 'toBin' | 'statusFrom' | 'statusTo'>,
): LedgerShape {
  if (e.baseQty === undefined || e.sku === undefined) return 'none';
  if (e.statusFrom === undefined) return e.statusTo === undefined ? 'none' : 'inflow';
  if (e.statusTo === undefined) return 'outflow';
  if (e.toBin !== undefined && e.toBin !== e.bin) return 'move';
  return e.statusTo !== e.statusFrom ? 'status' : 'none';
}
