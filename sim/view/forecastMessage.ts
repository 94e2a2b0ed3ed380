import type { ForkChange } from '../forecast/forkChange.ts';

/** A mean with its t-based interval (null bounds below 2 replications). */
export interface ForecastMean {
  mean: number;
  halfWidth: number | null;
  lo: number | null;
  hi: number | null;
}

/** One arm of a forecast (as things are, or with the change): what its replications showed. */
export interface ForecastArm {
  /** Share of replications with every order due by the horizon shipped, Wilson interval. */
  madeCutoff: { successes: number; n: number; share: number; lo: number; hi: number };
  /** Orders open at the horizon. */
  backlog: ForecastMean;
  /** Orders due by the horizon and still open there. */
  dueOpen: ForecastMean;
  /** Per replication (r = 0 …): open and overdue orders at the horizon. */
  replications: { backlog: number; dueOpen: number }[];
}

/** A finished fork-from-now forecast (HTTP answer and `forecast.result` socket message). */
export interface ForecastResult {
  /** `<run>/fc-<n>`: the run and the forecast's number in this server's life. */
  id: string;
  runId: string;
  /** Live run's sim time at the fork. */
  from: number;
  /** Sim time the replications ran to. */
  horizon: number;
  /** What the horizon is: the next carrier cut-off, or a time asked for. */
  horizonKind: 'cutoff' | 'time';
  replications: number;
  /** Confidence level of every interval. */
  level: number;
  change: ForkChange | null;
  asIs: ForecastArm;
  changed: ForecastArm | null;
  /** Changed − as is, paired by replication (common random numbers), t-based. */
  difference: {
    madeCutoff: ForecastMean & { verdict: string };
    backlog: ForecastMean & { verdict: string };
  } | null;
  /** Wall time the replications took. */
  elapsedMs: number;
  /** Who asked (role), for the floor view's panel. */
  requestedBy: string;
}

/** `forecast.result`: a forecast finished; every viewer's floor view and wall screen show it. */
export interface ForecastMessage {
  type: 'forecast.result';
  v: number;
  forecast: ForecastResult;
}
