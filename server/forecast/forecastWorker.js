// Piscina worker entry for forecasts. Worker threads do not inherit the main thread's TypeScript
// loader, so this plain-JS file registers tsx in the thread, then loads the real task module.
import { register } from 'tsx/esm/api';

register();
const { runForecastTask } = await import('./forecastTask.ts');

/** Runs one forked replication (see forecastTask.ts). */
export default runForecastTask;
