import type { BenchCase } from './benchCase.ts';

/**
 * A case as listed before it is loaded: its name and how to import it. Each case file imports
 * what it measures (the engine, a live server, socket.io, playwright, worker pools), so the bench
 * command imports one case for `--only`, and none to check its arguments or to spawn the cases.
 */
export interface BenchCaseEntry {
  name: string;
  load(): Promise<BenchCase>;
}

/** Every case, in the order `npm run bench` runs them; `name` is the case file's own `name`. */
export const BENCH_CASES: readonly BenchCaseEntry[] = [
  { name: 'mmc', load: async () => (await import('./mmcCase.ts')).mmcCase },
  { name: 'dc-week', load: async () => (await import('./dcWeekCase.ts')).dcWeekCase },
  { name: 'bench-dc', load: async () => (await import('./benchDcCase.ts')).benchDcCase },
  { name: 'stream', load: async () => (await import('./streamCase.ts')).streamCase },
  { name: 'client', load: async () => (await import('./clientCase.ts')).clientCase },
  { name: 'ingest', load: async () => (await import('./ingestCase.ts')).ingestCase },
  { name: 'experiment', load: async () => (await import('./experimentCase.ts')).experimentCase },
];
