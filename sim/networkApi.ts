/**
 * Multi-site network runs: the network scenario schema, the runner that advances one world per
 * site on a shared clock, and the network KPIs (an entry point of sim/, for the CLI and server).
 */
export { networkSchema, type Network } from './network/networkSchema.ts';
export { createNetwork, restoreNetwork, siteScenario, type NetworkRun } from './network/networkRun.ts';
export { networkKpis } from './network/networkKpis.ts';
export { networkView, type NetworkView, type SiteTile, type LaneView } from './network/networkView.ts';
export type { NetworkSnapshot } from './network/networkRun.ts';
export type { NetworkKpiReport } from './network/networkKpis.ts';
