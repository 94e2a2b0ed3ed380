/** Public entry point of the pure simulation core; server/ and client/ import only this. */
export {
  scenarioSchema,
  SCENARIO_SCHEMA_VERSION,
  type Scenario,
  type ScenarioInput,
} from './scenario/scenarioSchema.ts';
export type { JournalEvent, InventoryStatus } from './journal/journalEvent.ts';
export { INVENTORY_STATUSES } from './journal/journalEvent.ts';
export {
  TRANSACTIONS,
  TRANSACTION_TYPES,
  isTransactionType,
  isAlerted,
  transactionSpec,
  type TransactionType,
} from './journal/transactionCatalogue.ts';
export {
  EFFECT_SHAPES,
  type AlertLevel,
  type LedgerEffect,
  type LedgerShape,
  type TransactionSpec,
} from './journal/transactionSpec.ts';
export { ledgerShape } from './journal/ledgerShape.ts';
export { createEngine, restoreEngine, type Engine, type EngineOptions } from './engineApi.ts';
export { SNAPSHOT_SCHEMA_VERSION, type EngineSnapshot } from './engine/world.ts';
export { SnapshotError } from './engine/snapshotMigrations.ts';
export { readSnapshot } from './engine/readSnapshot.ts';
export type { Kpis, KpiReport } from './kpi/computeKpis.ts';
export type { TruthEvent } from './exceptions/truthEvent.ts';
export { replayJournal, Ledger, type StockRecord } from './inventory/ledger.ts';
export { erlangC } from './stats/erlangC.ts';
