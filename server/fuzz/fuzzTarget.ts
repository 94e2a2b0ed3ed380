import seedrandom from 'seedrandom';
import type { LiveServer } from '../live/liveServer.ts';

/** A seeded random source for mutations (same seed ⇒ same inputs). */
export type Rng = () => number;

/** Makes the fuzz's random source. */
export function makeRng(seed: string): Rng {
  return seedrandom(seed);
}

/** What a fuzz target is given: the server under test and how long it may run. */
export interface FuzzContext {
  url: string;
  tokens: { trainer: string; admin: string; device: string };
  rng: Rng;
  /** Inputs to send at most. */
  iterations: number;
  /** Wall-clock ms (Date.now) after which the target stops. */
  deadline: number;
  /** The server under test, in this process (for checks no client can make: ledger, feed log). */
  server: LiveServer;
}

/** What a fuzz target saw. */
export interface FuzzReport {
  sent: number;
  /** Answers with a 5xx status (503 with Retry-After while the run is busy is not counted). */
  serverErrors: number;
  /** Examples of inputs that got a 5xx or broke the server, for the printout. */
  examples: string[];
  /** Other failures the target checks, by name (half-applied, missing acks …): each should be 0. */
  findings?: Record<string, number>;
  /** Counts that are not failures but say what the run did (reconnects, snapshots skipped …). */
  info?: Record<string, number>;
}

/** One fuzz target: sends mutated inputs at one surface of the live server. */
export interface FuzzTarget {
  name: string;
  run(ctx: FuzzContext): Promise<FuzzReport>;
}

/** A random integer in [0, n). */
export const pick = (rng: Rng, n: number): number => Math.floor(rng() * n);

/** A random element. */
export const oneOf = <T>(rng: Rng, xs: readonly T[]): T => xs[pick(rng, xs.length)]!;

const STRINGS = [
  '',
  ' ',
  '%',
  '%zz',
  '%E0%A4%A',
  '\u0000',
  '../',
  '__proto__',
  'constructor',
  '😀',
  '\uD800',
];

/** A random JSON-ish value of bounded depth: wrong types, odd strings, nesting, big numbers. */
export function randomValue(rng: Rng, depth = 3): unknown {
  const r = pick(rng, depth > 0 ? 10 : 7);
  switch (r) {
    case 0:
      return null;
    case 1:
      return rng() < 0.5;
    case 2:
      return oneOf(rng, [0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31]);
    case 3:
      return oneOf(rng, STRINGS);
    case 4:
      return 'x'.repeat(pick(rng, 2000));
    case 5:
      return Math.floor(rng() * 1e9).toString(36);
    case 6:
      return undefined;
    case 7:
      return Array.from({ length: pick(rng, 5) }, () => randomValue(rng, depth - 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = pick(rng, 5); i > 0; i--)
        o[oneOf(rng, ['type', 'lastSeq', 'zone', 'token', 'scenario', 'speed', 'raw', 'toString', 'x'])] =
          randomValue(rng, depth - 1);
      return o;
    }
  }
}
