import { bintwinStep, type TransactionSpec } from './transactionSpec.ts';

/** A transaction a real site's feed reported (the mirror books what the scanner or EPCIS says). */
const FEED = { flow: 'mirror', alert: 'none', docs: [] } as const;

/** An EPCIS event by its CBV business step, exported under the same step. */
const cbv = <S extends string>(bizStep: S) => ({ bizStep, disposition: null }) as const;

/**
 * Transactions of the mirror: scanner task steps (`scan.*`) and captured EPCIS events that do
 * not carry a bintwin type (`epcis.<CBV step>`; the twin's own export replays as its own types).
 */
export const MIRROR_TRANSACTIONS = {
  'scan.received': { ...FEED, label: 'Scanned: received', ledger: 'inflow', epcis: cbv('receiving') },
  'scan.putaway': { ...FEED, label: 'Scanned: put away', ledger: 'move', epcis: cbv('storing') },
  'scan.replenish': { ...FEED, label: 'Scanned: replenished', ledger: 'move', epcis: cbv('stocking') },
  'scan.pick': { ...FEED, label: 'Scanned: picked', ledger: 'move', epcis: cbv('picking') },
  'scan.move': {
    ...FEED,
    label: 'Scanned: moved',
    ledger: 'move',
    epcis: { bizStep: bintwinStep('scan.move'), disposition: null },
  },
  'epcis.receiving': { ...FEED, label: 'EPCIS: receiving', ledger: 'inflow', epcis: cbv('receiving') },
  'epcis.accepting': { ...FEED, label: 'EPCIS: accepting', ledger: 'inflow', epcis: cbv('accepting') },
  'epcis.arriving': { ...FEED, label: 'EPCIS: arriving', ledger: 'inflow', epcis: cbv('arriving') },
  'epcis.unloading': { ...FEED, label: 'EPCIS: unloading', ledger: 'inflow', epcis: cbv('unloading') },
  'epcis.commissioning': {
    ...FEED,
    label: 'EPCIS: commissioning',
    ledger: 'inflow',
    epcis: cbv('commissioning'),
  },
  'epcis.storing': { ...FEED, label: 'EPCIS: storing', ledger: 'move', epcis: cbv('storing') },
  'epcis.stocking': { ...FEED, label: 'EPCIS: stocking', ledger: 'move', epcis: cbv('stocking') },
  'epcis.picking': { ...FEED, label: 'EPCIS: picking', ledger: 'move', epcis: cbv('picking') },
  'epcis.staging_outbound': {
    ...FEED,
    label: 'EPCIS: staging outbound',
    ledger: 'move',
    epcis: cbv('staging_outbound'),
  },
  'epcis.packing': { ...FEED, label: 'EPCIS: packing', ledger: 'move', epcis: cbv('packing') },
  'epcis.loading': { ...FEED, label: 'EPCIS: loading', ledger: 'move', epcis: cbv('loading') },
  'epcis.shipping': { ...FEED, label: 'EPCIS: shipping', ledger: 'outflow', epcis: cbv('shipping') },
  'epcis.departing': { ...FEED, label: 'EPCIS: departing', ledger: 'outflow', epcis: cbv('departing') },
  'epcis.removing': { ...FEED, label: 'EPCIS: removing', ledger: 'outflow', epcis: cbv('removing') },
  'epcis.destroying': { ...FEED, label: 'EPCIS: destroying', ledger: 'outflow', epcis: cbv('destroying') },
  'epcis.decommissioning': {
    ...FEED,
    label: 'EPCIS: decommissioning',
    ledger: 'outflow',
    epcis: cbv('decommissioning'),
  },
  'epcis.holding': { ...FEED, label: 'EPCIS: holding', ledger: 'status', epcis: cbv('holding') },
  'epcis.inspecting': { ...FEED, label: 'EPCIS: inspecting', ledger: 'status', epcis: cbv('inspecting') },
  'epcis.reserving': { ...FEED, label: 'EPCIS: reserving', ledger: 'status', epcis: cbv('reserving') },
  'epcis.cycle_counting': {
    ...FEED,
    label: 'EPCIS: cycle count',
    ledger: 'external',
    epcis: cbv('cycle_counting'),
  },
  'epcis.stock_taking': {
    ...FEED,
    label: 'EPCIS: stock taking',
    ledger: 'external',
    epcis: cbv('stock_taking'),
  },
  /** Action DELETE on a step that does not itself take stock out (it leaves the site anyway). */
  'epcis.delete': {
    ...FEED,
    label: 'EPCIS: removed (DELETE)',
    ledger: 'outflow',
    epcis: { bizStep: bintwinStep('epcis.delete'), disposition: null },
  },
  /** An event with no business step, named by its action (ADD, OBSERVE). */
  'epcis.add': {
    ...FEED,
    label: 'EPCIS: added',
    ledger: 'external',
    epcis: { bizStep: bintwinStep('epcis.add'), disposition: null },
  },
  'epcis.observe': {
    ...FEED,
    label: 'EPCIS: observed',
    ledger: 'external',
    epcis: { bizStep: bintwinStep('epcis.observe'), disposition: null },
  },
  /** A business step the mirror has no rule for (its bintwin statuses, if any, still apply). */
  'epcis.other': {
    ...FEED,
    label: 'EPCIS: other step',
    ledger: 'external',
    epcis: { bizStep: bintwinStep('epcis.other'), disposition: null },
  },
  'epcis.corrected': {
    ...FEED,
    label: 'EPCIS: correction (reversal)',
    ledger: 'external',
    epcis: { bizStep: bintwinStep('epcis.corrected'), disposition: null },
  },
} as const satisfies Record<string, TransactionSpec>;
