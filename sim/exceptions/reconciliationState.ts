import { defineFlow } from '../engine/defineFlow.ts';

/** IRA samples over time: [sim hour, IRA by truth over storage bins]. */
export interface ReconciliationState {
  iraSeries: [number, number | null][];
}

/** The reconciliation flow module: the hourly IRA series and the event that samples it. */
export const reconciliation = defineFlow({
  name: 'reconciliation',
  state: (): ReconciliationState => ({ iraSeries: [] }),
  events: ['iraSample'],
});
