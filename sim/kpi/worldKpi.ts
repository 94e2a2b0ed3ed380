import {
  kpiState,
  newKpiAccumulator,
  restoreKpi,
  type KpiAccumulator,
  type KpiState,
} from './kpiAccumulator.ts';
import type { KpiStore } from '../engine/worldKpi.ts';

/**
 * Registers the KPI accumulator as the world's KPI counters (`World.kpi`) and its saved form as
 * the snapshot's, by module augmentation of the engine's empty declarations: the engine stays
 * below the KPI layer in the import graph.
 */
declare module '../engine/worldKpi.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging adds keys only
  interface WorldKpi extends KpiAccumulator {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging adds keys only
  interface WorldKpiState extends KpiState {}
}

/** The KPI store the composition root installs with the world hooks. */
export const kpiStore: KpiStore = {
  create: newKpiAccumulator,
  save: kpiState,
  restore: restoreKpi,
};
