import { CONSIGNMENT_TRANSACTIONS } from './catalogueConsignment.ts';
import { CROSSDOCK_TRANSACTIONS } from './catalogueCrossDock.ts';
import { INBOUND_TRANSACTIONS } from './catalogueInbound.ts';
import { MIRROR_TRANSACTIONS } from './catalogueMirror.ts';
import { OUTBOUND_TRANSACTIONS } from './catalogueOutbound.ts';
import { RETURNS_TRANSACTIONS } from './catalogueReturns.ts';
import { RETURN_MISMATCH_TRANSACTIONS } from './catalogueReturnMismatch.ts';
import { STOCK_TRANSACTIONS } from './catalogueStock.ts';
import { TRANSFER_TRANSACTIONS } from './catalogueTransfers.ts';
import { TRANSFER_CLAIM_TRANSACTIONS } from './catalogueTransferClaims.ts';
import type { AlertLevel, TransactionSpec } from './transactionSpec.ts';

/**
 * The transaction catalogue: every journal event type, with its ledger effect, EPCIS step and
 * disposition, alert level, document references, label and flow. It is the one definition the
 * invariants, the EPCIS export, the alert feed, the client's labels and the tests derive from;
 * a type not listed here does not compile (`JournalEvent.type` is `TransactionType`).
 */
export const TRANSACTIONS = {
  ...INBOUND_TRANSACTIONS,
  ...OUTBOUND_TRANSACTIONS,
  ...STOCK_TRANSACTIONS,
  ...MIRROR_TRANSACTIONS,
  ...RETURNS_TRANSACTIONS,
  ...RETURN_MISMATCH_TRANSACTIONS,
  ...CROSSDOCK_TRANSACTIONS,
  ...TRANSFER_TRANSACTIONS,
  ...TRANSFER_CLAIM_TRANSACTIONS,
  ...CONSIGNMENT_TRANSACTIONS,
} as const satisfies Record<string, TransactionSpec>;

/** One journal event type. */
export type TransactionType = keyof typeof TRANSACTIONS;

/** Every transaction type, in catalogue order. */
export const TRANSACTION_TYPES = Object.keys(TRANSACTIONS) as TransactionType[];

/** Whether a string (from a feed, a file) is a transaction type. */
export function isTransactionType(v: string): v is TransactionType {
  return Object.hasOwn(TRANSACTIONS, v);
}

/** The catalogue entry of a type. */
export function transactionSpec(type: TransactionType): TransactionSpec {
  return TRANSACTIONS[type];
}

/** Whether events of this type are told to viewers as they happen (alert level above `none`). */
export function isAlerted(type: TransactionType): boolean {
  return TRANSACTIONS[type].alert !== 'none';
}

/** What a viewer needs of one type: label, alert level and whether it marks a bin as counted. */
export interface TransactionLabel {
  label: string;
  alert: AlertLevel;
  marksCount: boolean;
}

/**
 * The viewer's view of an alert kind or journal type (a string off the wire): its label, level
 * and count mark, or undefined for kinds that are not transactions (variance alerts, a newer
 * server's types), which a viewer shows by their raw name.
 */
export function transactionLabel(kind: string): TransactionLabel | undefined {
  if (!isTransactionType(kind)) return undefined;
  const s: TransactionSpec = TRANSACTIONS[kind];
  return { label: s.label, alert: s.alert, marksCount: s.marksCount === true };
}
