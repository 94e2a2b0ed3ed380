import type { Scenario } from '../../sim/index.ts';
import { displayPath } from './displayPath.ts';
import { formatSimDuration } from './displayFormat.ts';
import { scenarioHorizonMs } from './runOptions.ts';
import { loadScenarioArg } from './scenarioArg.ts';

/** `bintwin validate`: prints OK and a short summary, or (via the thrown error) every problem. */
export function validateCommand(arg: string): number {
  const { scenario, source } = loadScenarioArg(arg);
  process.stdout.write(`OK ${scenario.name} (${displayPath(source)})\n${describeScenario(scenario)}\n`);
  return 0;
}

/** A few aligned lines: description, workers, horizon, seed, demand. */
export function describeScenario(s: Scenario): string {
  const rows: [string, string][] = [];
  if (s.description) rows.push(['description', s.description]);
  rows.push(['workers', s.workers.map((w) => `${w.count} × ${w.role}`).join(', ')]);
  rows.push(['horizon', formatSimDuration(scenarioHorizonMs(s))]);
  rows.push(['seed', JSON.stringify(s.seed)]);
  const a = s.demand.arrivals;
  rows.push([
    'demand',
    `${a.kind === 'poisson' ? 'Poisson' : 'profiled'} arrivals, ${a.ratePerHour} orders/h` +
      (s.demand.stopAfterHours !== undefined ? `, stopping after ${s.demand.stopAfterHours} h` : ''),
  ]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n');
}
