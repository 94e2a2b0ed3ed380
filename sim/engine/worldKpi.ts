/**
 * The KPI counters a world holds and snapshots, and their saved form. The engine declares them
 * empty; the KPI layer fills them by module augmentation (`sim/kpi/worldKpi.ts`) and installs
 * the store that makes, saves and restores them with the world hooks, so sim/engine imports no
 * KPI module (issue 12: no arrow from the engine up to flows, KPIs or exceptions) while every
 * counter stays a checked field.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging adds the fields
export interface WorldKpi {}

/** The saved form of `WorldKpi` (plain JSON), filled the same way. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging adds the fields
export interface WorldKpiState {}

/** Makes, saves and restores a world's KPI counters (installed by the composition root). */
export interface KpiStore {
  /** Fresh counters for a new run. */
  create(): WorldKpi;
  /** The counters' plain saved form. */
  save(k: WorldKpi): WorldKpiState;
  /** Counters rebuilt from their saved form. */
  restore(s: WorldKpiState): WorldKpi;
}
