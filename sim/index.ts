// Public entry point of the engine: server/ imports the simulation core only through this file,
// sim/viewApi.ts (projection and view types), sim/mirrorApi.ts (mirroring live feeds),
// sim/view/protocol.ts (the wire protocol) and sim/gs1/index.ts (the GS1 parser); the
// dependency-cruiser rule `sim-through-entry-points` enforces it.
import {
  createEngine as createSimEngine,
  restoreEngine as restoreSimEngine,
  type Engine,
  type EngineOptions,
  type SimEngine,
} from './engineApi.ts';
import { bindWorld } from './engineWorld.ts';
import type { Scenario } from './scenario/scenarioSchema.ts';

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
export type { Engine, EngineOptions, EngineSite, ProjectOptions } from './engineApi.ts';
export type {
  EngineCommand,
  CommandResult,
  CommandError,
  CommandErrorCode,
  ResultOf,
} from './engineCommands.ts';

/** Starts a run of a validated scenario at time 0, behind the command API (no world handed out). */
export function createEngine(scenario: Scenario, options?: EngineOptions): Engine {
  return facadeOf(createSimEngine(scenario, options));
}

/** Resumes a run from a snapshot (checked first; see engineApi.restoreEngine), behind the command API. */
export function restoreEngine(scenario: Scenario, saved: unknown, options?: EngineOptions): Engine {
  return facadeOf(restoreSimEngine(scenario, saved, options));
}

// The facade without the world, at run time too (not only in the type), still known to worldOf.
function facadeOf(e: SimEngine): Engine {
  const { world, ...facade } = e;
  bindWorld(facade, world);
  return facade;
}
export { SNAPSHOT_SCHEMA_VERSION, type EngineSnapshot } from './engine/world.ts';
export { SnapshotError } from './engine/snapshotMigrations.ts';
export { checkSnapshot as readSnapshot } from './engineApi.ts';
export type { Kpis, KpiReport } from './kpi/computeKpis.ts';
export type { TruthEvent } from './exceptions/truthEvent.ts';
export { replayJournal, Ledger, type StockRecord, type LedgerState } from './inventory/ledger.ts';
export type { Item } from './items/types.ts';
export type { Bin } from './layout/types.ts';
export type { CountRecord } from './analytics/countRecord.ts';
export type { ReconciliationData } from './analytics/reconciliationData.ts';
export { madeBy, traceVariances, varianceBy, type VarianceRow } from './analytics/varianceAnalysis.ts';
export { erlangC } from './stats/erlangC.ts';
export { studentTQuantile, studentTCdf } from './stats/studentT.ts';
export {
  meanInterval,
  pairedDifference,
  type MeanInterval,
  type PairedDifference,
  type PairedVerdict,
} from './stats/confidence.ts';
export { selectSubset, type Goal, type SubsetSelection } from './stats/subsetSelection.ts';
export { knSelect, type KnSelection } from './stats/knSelection.ts';
