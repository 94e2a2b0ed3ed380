/**
 * The small tracked site of the sim tests (sim/flows/replenishment/testScenario.ts: 40 forward
 * faces, 160 reserve locations, 30 items, pickers, a replenisher, a putaway driver, a counter),
 * for server tests, which reach sim internals only through test/.
 */
export { smallSite as smallTrackedSite } from '../sim/flows/replenishment/testScenario.ts';
